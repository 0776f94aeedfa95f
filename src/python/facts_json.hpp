#pragma once
// InterpreterFacts to and from JSON (inspection output and the cache).

#include "python/interpreter_facts.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace cppvenv {

// InterpreterFacts <-> the JSON that inspect_interpreter.py prints (and the
// cache stores). facts_from_json throws Error when a field is missing or wrong.
InterpreterFacts facts_from_json(const std::string& text);
// The same from a document already parsed (the cache's entry holds the facts
// beside their key), without printing and parsing it again.
InterpreterFacts facts_from_parsed_json(nlohmann::json document);
std::string facts_to_json(const InterpreterFacts& facts);

} // namespace cppvenv
