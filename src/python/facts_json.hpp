#pragma once
// InterpreterFacts to and from JSON (inspection output and the cache).

#include "python/interpreter_facts.hpp"

#include <string>

namespace cppvenv {

// InterpreterFacts <-> the JSON that inspect_interpreter.py prints (and the
// cache stores). facts_from_json throws Error when a field is missing or wrong.
InterpreterFacts facts_from_json(const std::string& text);
std::string facts_to_json(const InterpreterFacts& facts);

} // namespace cppvenv
