// The one POSIX sh quoting (see posix_sh_quoting.hpp).
#include "util/posix_sh_quoting.hpp"

namespace cppvenv {

std::string single_quote_for_posix_sh(std::string_view text, SingleQuoteEscape escape) {
    const char* const escaped_quote = escape == SingleQuoteEscape::Backslash ? "'\\''" : "'\"'\"'";
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') {
            quoted += escaped_quote;
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

std::string posix_sh_word(std::string_view text) {
    const std::string_view plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789_-./+=:,@%";
    if (!text.empty() && text.find_first_not_of(plain) == std::string_view::npos) {
        return std::string(text);
    }
    return single_quote_for_posix_sh(text);
}

} // namespace cppvenv
