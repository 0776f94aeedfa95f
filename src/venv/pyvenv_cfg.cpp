// The one writer and the one reader of pyvenv.cfg.
#include "venv/pyvenv_cfg.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <boost/filesystem/operations.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

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

bool is_true(std::string_view value) {
    return lowercase(value) == "true";
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
    if (cfg.relocatable) {
        lines.emplace_back("relocatable", "true");
    }
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

std::optional<std::string> VenvConfig::value(std::string_view key) const {
    for (const auto& [name, value] : entries) {
        if (name == key) {
            return value;
        }
    }
    return std::nullopt;
}

std::string normalize_python_version(std::string_view text) {
    std::string result;
    int numbers = 0;
    size_t i = 0;
    while (i < text.size() && numbers < 3) {
        size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
        }
        if (i == start) {
            break;
        }
        result += (numbers ? "." : "") + std::string(text.substr(start, i - start));
        ++numbers;
        if (i >= text.size() || text[i] != '.') {
            break;
        }
        ++i;
    }
    return result;
}

std::string unquote_python_string(std::string_view text) {
    if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') ||
        text.back() != text.front()) {
        return std::string(text);
    }
    std::string result;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\' && i + 2 < text.size()) {
            ++i;
            switch (text[i]) {
            case 'n':
                result += '\n';
                continue;
            case 't':
                result += '\t';
                continue;
            case 'r':
                result += '\r';
                continue;
            case 'x':
                if (i + 2 < text.size() - 1 &&
                    std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                    std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
                    result += static_cast<char>(
                        std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
                    i += 2;
                    continue;
                }
                break;
            default:
                break;
            }
        }
        result += text[i];
    }
    return result;
}

VenvConfig parse_venv_config(std::string_view text) {
    VenvConfig config;
    config.entries = parse_pyvenv_cfg(text);
    config.home = config.value("home").value_or("");
    config.version = normalize_python_version(
        config.value("version").value_or(config.value("version_info").value_or("")));
    config.implementation = lowercase(config.value("implementation").value_or(""));
    config.executable =
        config.value("executable").value_or(config.value("base-executable").value_or(""));
    config.include_system_site_packages =
        is_true(config.value("include-system-site-packages").value_or("false"));
    if (std::optional<std::string> prompt = config.value("prompt")) {
        config.prompt = unquote_python_string(*prompt);
    }
    config.relocatable = is_true(config.value("relocatable").value_or("false"));
    config.creator = "venv";
    for (const char* creator : {"cppvenv", "uv", "virtualenv"}) {
        if (std::optional<std::string> version = config.value(creator)) {
            config.creator = creator;
            config.creator_version = *version;
            break;
        }
    }
    return config;
}

std::string read_pyvenv_cfg_at(int directory, const fs::path& venv) {
    std::string text;
    // One more byte than allowed tells a file that is too big from one that fits.
    if (platform::read_file_at(directory, "pyvenv.cfg", pyvenv_cfg_limit + 1, text) != 0) {
        const int reason = errno;
        std::string why = fmt::format("it has no readable pyvenv.cfg ({})", std::strerror(reason));
        if (reason == ENOENT) {
            why = "it has no readable pyvenv.cfg";
        } else if (reason == ELOOP) {
            why = "its pyvenv.cfg is a symlink, which cppvenv does not follow";
        } else if (reason == EINVAL) {
            why = "its pyvenv.cfg is not a regular file";
        }
        throw Error(fmt::format("{} is not a virtual environment: {}", venv.string(), why));
    }
    if (text.size() > pyvenv_cfg_limit) {
        throw Error(fmt::format("{} is not a virtual environment: its pyvenv.cfg is larger than "
                                "{} KiB, far more than any venv tool writes",
                                venv.string(), pyvenv_cfg_limit / 1024));
    }
    return text;
}

VenvConfig read_venv_config(const fs::path& venv) {
    boost::system::error_code error;
    if (!fs::is_directory(venv, error)) {
        throw Error(
            fmt::format("{} is not a virtual environment: {}", venv.string(),
                        fs::exists(venv, error) ? "not a directory" : "no such file or directory"));
    }
    // The folder may be reached through symlinks (the user named it); its
    // pyvenv.cfg is read only as a regular file, without blocking on a FIFO.
    const platform::OpenDirectory directory(
        platform::open_directory(venv, platform::FinalSymlink::Follow));
    if (!directory) {
        throw Error(fmt::format("{} is not a virtual environment: cannot open it ({})",
                                venv.string(), std::strerror(errno)));
    }
    return parse_venv_config(read_pyvenv_cfg_at(directory.get(), venv));
}

} // namespace cppvenv
