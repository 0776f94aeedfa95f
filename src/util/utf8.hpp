#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cppvenv {

// Whether `text` is well-formed UTF-8 as Unicode defines it (no overlong forms,
// no surrogates, nothing above U+10FFFF). File names are bytes on POSIX; this
// tells which of them a JSON string can hold as they are.
bool is_valid_utf8(std::string_view text);

// `text` with each byte that is not part of a well-formed UTF-8 sequence
// replaced by U+FFFD, one per byte; well-formed sequences are kept as they are.
std::string with_invalid_utf8_replaced(std::string_view text);

// The bytes as lower-case hex, two digits a byte ("\xff/a" -> "ff2f61").
std::string hex_of_bytes(std::string_view bytes);

// The bytes that hex_of_bytes wrote; std::nullopt for an odd length or a
// character that is not a hex digit (either case is accepted).
std::optional<std::string> bytes_of_hex(std::string_view hex);

} // namespace cppvenv
