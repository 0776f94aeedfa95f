#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace cppvenv {

// The text every --json output prints: `document` indented by two spaces, valid
// JSON for any bytes in its strings (file names are bytes, not text). The rule,
// also in the README: a string that is valid UTF-8 is written as it is; in any
// other, each byte that is not part of valid UTF-8 is written as U+FFFD, and an
// object member holding such a string gets a sibling "<name>_bytes" with the
// exact bytes as lower-case hex ("path" -> "path_bytes").
std::string json_output_text(const nlohmann::ordered_json& document);

} // namespace cppvenv
