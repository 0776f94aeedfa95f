#include "venv/pyvenv_cfg.hpp"

#include "util/error.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

namespace cppvenv {

namespace {

void require_single_line(std::string_view key, std::string_view value) {
    if (value.find_first_of(std::string_view("\n\r\0", 3)) != std::string_view::npos) {
        throw Error(fmt::format("the {} value {} holds a line break or NUL, which pyvenv.cfg "
                                "cannot hold",
                                key, python_string_repr(value)));
    }
    // site.py reads pyvenv.cfg as UTF-8: one other byte and the venv's python
    // cannot start (python -m venv fails on such a path too).
    if (!is_valid_utf8(value)) {
        throw Error(fmt::format("the {} value {} is not valid UTF-8, and Python reads pyvenv.cfg "
                                "as UTF-8: the venv's python could not start",
                                key, python_string_repr(value)));
    }
}

std::string trim(std::string_view text) {
    const char* space = " \t\r\n";
    std::string_view::size_type begin = text.find_first_not_of(space);
    if (begin == std::string_view::npos) {
        return "";
    }
    std::string_view::size_type end = text.find_last_not_of(space);
    return std::string(text.substr(begin, end - begin + 1));
}

} // namespace

std::string render_pyvenv_cfg(const PyvenvCfg& cfg) {
    std::vector<std::pair<std::string, std::string>> lines = {
        {"home", cfg.home},
        {"include-system-site-packages", cfg.include_system_site_packages ? "true" : "false"},
        {"version", cfg.version},
    };
    if (cfg.prompt) {
        require_single_line("prompt", *cfg.prompt);
        lines.emplace_back("prompt", python_string_repr(*cfg.prompt));
    }
    lines.emplace_back("executable", cfg.executable);
    lines.emplace_back("command", cfg.command);
    lines.emplace_back("cppvenv", cfg.cppvenv_version);
    std::string text;
    for (const auto& [key, value] : lines) {
        require_single_line(key, value);
        text += fmt::format("{} = {}\n", key, value);
    }
    return text;
}

std::vector<std::pair<std::string, std::string>> parse_pyvenv_cfg(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> entries;
    std::string_view::size_type begin = 0;
    while (begin < text.size()) {
        std::string_view::size_type end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(begin, end - begin);
        std::string_view::size_type equals = line.find('=');
        if (equals != std::string_view::npos) {
            entries.emplace_back(trim(line.substr(0, equals)), trim(line.substr(equals + 1)));
        }
        begin = end + 1;
    }
    return entries;
}

std::string python_string_repr(std::string_view text) {
    // Python prefers single quotes, and switches to double quotes when the text
    // holds a single quote but no double quote.
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    const char quote = (has_single && !has_double) ? '"' : '\'';
    std::string result(1, quote);
    for (unsigned char c : text) {
        if (c == quote || c == '\\') {
            result += '\\';
            result += static_cast<char>(c);
        } else if (c == '\n') {
            result += "\\n";
        } else if (c == '\r') {
            result += "\\r";
        } else if (c == '\t') {
            result += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            result += fmt::format("\\x{:02x}", c);
        } else {
            result += static_cast<char>(c); // UTF-8 bytes pass through, as printable text does
        }
    }
    result += quote;
    return result;
}

} // namespace cppvenv
