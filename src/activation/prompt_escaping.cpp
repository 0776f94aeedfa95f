// Prompt text made literal for shells that read escapes in their prompt.
#include "activation/prompt_escaping.hpp"

namespace cppvenv {

namespace {

// bash formats \D{...} into a 128-byte buffer.
constexpr std::size_t longest_bash_piece = 96;

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

} // namespace

std::string bash_prompt_literal(std::string_view text) {
    std::string literal;
    std::string piece;
    const auto close_piece = [&] {
        if (!piece.empty()) {
            literal += "\\D{" + piece + "}";
            piece.clear();
        }
    };
    for (std::size_t at = 0; at < text.size(); ++at) {
        const char c = text[at];
        if (c == '}') {
            close_piece();
            literal += c;
            continue;
        }
        if (piece.size() >= longest_bash_piece && !is_utf8_continuation(c)) {
            close_piece();
        }
        piece += c;
        if (c == '%') {
            piece += '%';
        }
    }
    close_piece();
    return literal;
}

std::string tcsh_prompt_literal(std::string_view text) {
    std::string literal;
    for (char c : text) {
        if (c == '\\' || c == '^' || c == '!') {
            literal += '\\';
        } else if (c == '%') {
            literal += '%';
        }
        literal += c;
    }
    return literal;
}

std::string bsd_csh_prompt_literal(std::string_view text) {
    std::string literal;
    for (char c : text) {
        if (c == '!') {
            literal += '\\';
        }
        literal += c;
    }
    return literal;
}

} // namespace cppvenv
