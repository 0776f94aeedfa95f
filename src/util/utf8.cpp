#include "util/utf8.hpp"

namespace cppvenv {

namespace {

// The length of the well-formed UTF-8 sequence at `text[at]`, or 0 when the
// byte there does not start one (Unicode's table 3-7 of well-formed sequences).
size_t valid_sequence_length(std::string_view text, size_t at) {
    const auto byte = [&](size_t offset) -> unsigned {
        return at + offset < text.size() ? static_cast<unsigned char>(text[at + offset]) : 0x100;
    };
    const auto in = [](unsigned value, unsigned low, unsigned high) {
        return value >= low && value <= high;
    };
    const unsigned first = byte(0);
    if (first < 0x80) {
        return 1;
    }
    if (in(first, 0xC2, 0xDF)) {
        return in(byte(1), 0x80, 0xBF) ? 2 : 0;
    }
    if (in(first, 0xE0, 0xEF)) {
        const unsigned low = first == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        const unsigned high = first == 0xED ? 0x9F : 0xBF; // no surrogates
        return in(byte(1), low, high) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    }
    if (in(first, 0xF0, 0xF4)) {
        const unsigned low = first == 0xF0 ? 0x90 : 0x80;  // no overlong forms
        const unsigned high = first == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        return in(byte(1), low, high) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

int hex_digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

bool is_valid_utf8(std::string_view text) {
    for (size_t at = 0; at < text.size();) {
        const size_t length = valid_sequence_length(text, at);
        if (length == 0) {
            return false;
        }
        at += length;
    }
    return true;
}

std::string with_invalid_utf8_replaced(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        const size_t length = valid_sequence_length(text, at);
        if (length == 0) {
            result += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            ++at;
        } else {
            result.append(text, at, length);
            at += length;
        }
    }
    return result;
}

std::string hex_of_bytes(std::string_view bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        hex += digits[c >> 4];
        hex += digits[c & 0x0F];
    }
    return hex;
}

std::optional<std::string> bytes_of_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (size_t at = 0; at < hex.size(); at += 2) {
        const int high = hex_digit_value(hex[at]);
        const int low = hex_digit_value(hex[at + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes += static_cast<char>(high * 16 + low);
    }
    return bytes;
}

} // namespace cppvenv
