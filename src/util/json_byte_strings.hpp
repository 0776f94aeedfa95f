#pragma once

#include <nlohmann/json.hpp>

namespace cppvenv {

// The facts JSON (inspect_interpreter.py's output, the facts cache) carries
// paths as their exact bytes: a path that is valid UTF-8 is a JSON string, any
// other is the object {"bytes": "<lower-case hex>"}. These two convert every
// string in a document between that form and plain (byte) std::strings.

// Every string that is not valid UTF-8 becomes {"bytes": HEX}; the result dumps.
nlohmann::json with_byte_strings_encoded(nlohmann::json document);

// Every {"bytes": HEX} object becomes the string of those bytes. An object whose
// hex is malformed is left as it is (reading it as a string then fails).
nlohmann::json with_byte_strings_decoded(nlohmann::json document);

} // namespace cppvenv
