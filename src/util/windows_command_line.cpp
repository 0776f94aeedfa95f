// The one Windows command-line quoting (see windows_command_line.hpp).
#include "util/windows_command_line.hpp"

namespace cppvenv {

std::string quote_windows_argument(std::string_view argument) {
    if (!argument.empty() && argument.find_first_of(" \t\n\v\"") == std::string_view::npos) {
        return std::string(argument);
    }
    std::string quoted = "\"";
    std::size_t backslashes = 0;
    for (const char c : argument) {
        if (c == '\\') {
            ++backslashes;
            continue;
        }
        // Backslashes are literal unless a '"' follows them: then each is doubled
        // and the '"' itself escaped.
        quoted.append(c == '"' ? 2 * backslashes + 1 : backslashes, '\\');
        backslashes = 0;
        quoted += c;
    }
    // Before the closing quote, backslashes are doubled so it stays a quote.
    quoted.append(2 * backslashes, '\\');
    quoted += '"';
    return quoted;
}

std::string cmd_word(std::string_view text) {
    if (!text.empty() && text.find_first_of(" \t\n\v\"&|<>^()") == std::string_view::npos) {
        return std::string(text);
    }
    const std::string quoted = quote_windows_argument(text);
    return quoted.front() == '"' ? quoted : "\"" + quoted + "\"";
}

} // namespace cppvenv
