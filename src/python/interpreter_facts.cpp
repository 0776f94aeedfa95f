// InterpreterFacts: what cppvenv knows about one interpreter.
#include "python/interpreter_facts.hpp"

#include <fmt/format.h>

namespace cppvenv {

std::string InterpreterFacts::version_string() const {
    return fmt::format("{}.{}.{}", major, minor, micro);
}

std::string InterpreterFacts::short_version() const {
    return fmt::format("{}.{}", major, minor);
}

} // namespace cppvenv
