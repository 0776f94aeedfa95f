#pragma once
// Facts decide where cppvenv writes and what it reads, so they are checked the
// same way whether they come fresh from an interpreter or from the cache file.

#include "python/interpreter_facts.hpp"

#include <optional>
#include <string>

namespace cppvenv {

// What is unsafe in `facts`, or nothing: layout folders must be relative paths
// without empty, "." or ".." parts; names of files beside the executable must be
// plain names; wheels and executables must be absolute and normalised.
std::optional<std::string> unsafe_fact(const InterpreterFacts& facts);

} // namespace cppvenv
