// Console-script launchers: entry points, shebangs and the /bin/sh trampoline.
#include "seed/console_scripts.hpp"

#include "util/error.hpp"
#include "util/posix_sh_quoting.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace cppvenv {

namespace {

constexpr size_t longest_shebang_line = 127; // as distlib, counting "#!" and "\n"

// By hand rather than with std::regex, whose compilation alone cost about
// 0.2 ms of every create with pip.
bool is_ascii_letter_or_underscore(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

// How many ASCII digits `text` starts with.
size_t leading_digits(std::string_view text) {
    size_t count = 0;
    while (count < text.size() && is_ascii_digit(text[count])) {
        ++count;
    }
    return count;
}

// [A-Za-z_][A-Za-z0-9_]*, one or more of them joined by dots.
bool is_dotted_identifier(std::string_view text) {
    bool at_part_start = true;
    for (const char c : text) {
        if (c == '.' && !at_part_start) {
            at_part_start = true;
        } else if (is_ascii_letter_or_underscore(c) || (!at_part_start && is_ascii_digit(c))) {
            at_part_start = false;
        } else {
            return false;
        }
    }
    return !at_part_start;
}

// DIGITS or DIGITS.DIGITS, the whole of `text`.
bool is_version_number(std::string_view text) {
    const size_t major = leading_digits(text);
    if (major == 0 || major == text.size()) {
        return major > 0;
    }
    const std::string_view rest = text.substr(major);
    return rest.size() > 1 && rest.front() == '.' &&
           leading_digits(rest.substr(1)) == rest.size() - 1;
}

// pip's names for the pip family: "pip", "pipX" and "pipX.Y".
bool is_versioned_pip(std::string_view name) {
    return name.substr(0, 3) == "pip" && (name.size() == 3 || is_version_number(name.substr(3)));
}

// ... and for easy_install: "easy_install" and "easy_install-X.Y".
bool is_versioned_easy_install(std::string_view name) {
    constexpr std::string_view base = "easy_install";
    if (name.substr(0, base.size()) != base) {
        return false;
    }
    const std::string_view rest = name.substr(base.size());
    return rest.empty() || (rest.front() == '-' && rest.find('.') != std::string_view::npos &&
                            is_version_number(rest.substr(1)));
}

bool is_plain_file_name(std::string_view name) {
    return !name.empty() && name != "." && name != ".." &&
           name.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos;
}

ConsoleScript parse_entry(std::string_view name, std::string_view value, std::string_view origin) {
    // "module:function [extra1, extra2]": extras do not change the launcher.
    value = trimmed(value.substr(0, value.find('[')));
    const size_t colon = value.find(':');
    ConsoleScript script;
    script.name = std::string(name);
    if (colon != std::string_view::npos) {
        script.module = std::string(trimmed(value.substr(0, colon)));
        script.function = std::string(trimmed(value.substr(colon + 1)));
    }
    if (!is_plain_file_name(script.name) || !is_dotted_identifier(script.module) ||
        !is_dotted_identifier(script.function)) {
        throw Error(fmt::format("{}: entry_points.txt has an invalid console script: {} = {}",
                                origin, name, value));
    }
    return script;
}

std::vector<ConsoleScript> read_script_sections(std::string_view text, std::string_view origin) {
    std::vector<ConsoleScript> scripts;
    bool in_scripts = false;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        std::string_view line = trimmed(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.empty() || line.front() == '#' || line.front() == ';') {
            continue;
        }
        if (line.front() == '[') {
            in_scripts = line == "[console_scripts]" || line == "[gui_scripts]";
            continue;
        }
        const size_t equals = line.find('=');
        if (in_scripts && equals != std::string_view::npos) {
            scripts.push_back(
                parse_entry(trimmed(line.substr(0, equals)), line.substr(equals + 1), origin));
        }
    }
    return scripts;
}

// pip's get_console_script_specs(): versioned names follow the running Python.
void rename_versioned_scripts(std::vector<ConsoleScript>& scripts, int major, int minor) {
    struct Family {
        std::string base;
        bool (*is_versioned)(std::string_view name);
        std::vector<std::string> names;
    };
    const std::vector<Family> families = {
        {"pip",
         is_versioned_pip,
         {"pip", fmt::format("pip{}", major), fmt::format("pip{}.{}", major, minor)}},
        {"easy_install",
         is_versioned_easy_install,
         {"easy_install", fmt::format("easy_install-{}.{}", major, minor)}},
    };
    for (const Family& family : families) {
        auto base = std::find_if(scripts.begin(), scripts.end(),
                                 [&](const ConsoleScript& s) { return s.name == family.base; });
        if (base == scripts.end()) {
            continue;
        }
        const ConsoleScript target = *base;
        scripts.erase(
            std::remove_if(scripts.begin(), scripts.end(),
                           [&](const ConsoleScript& s) { return family.is_versioned(s.name); }),
            scripts.end());
        for (const std::string& name : family.names) {
            scripts.push_back({name, target.module, target.function});
        }
    }
}

} // namespace

std::vector<ConsoleScript> console_scripts_from_entry_points(std::string_view entry_points_text,
                                                             int python_major, int python_minor,
                                                             std::string_view origin) {
    std::vector<ConsoleScript> scripts = read_script_sections(entry_points_text, origin);
    rename_versioned_scripts(scripts, python_major, python_minor);
    return scripts;
}

std::string python_shebang(std::string_view python) {
    const bool fits = python.size() + 3 <= longest_shebang_line &&
                      python.find_first_of(" \t") == std::string_view::npos;
    if (fits) {
        return fmt::format("#!{}\n", python);
    }
    // The path as one /bin/sh word with no run of three quotes, so the
    // trampoline line stays a valid Python string too.
    return fmt::format("#!/bin/sh\n'''exec' {} \"$0\" \"$@\"\n' '''\n",
                       single_quote_for_posix_sh(python, SingleQuoteEscape::DoubleQuoted));
}

std::string relative_python_shebang(std::string_view python_file_name) {
    // Also a Python string statement: no run of three quotes after the first.
    return fmt::format(
        "#!/bin/sh\n'''exec' \"$(dirname -- \"$(realpath -- \"$0\" 2>/dev/null "
        "|| printf %s \"$0\")\")\"/{} \"$0\" \"$@\"\n' '''\n",
        single_quote_for_posix_sh(python_file_name, SingleQuoteEscape::DoubleQuoted));
}

std::string render_relocatable_console_script(const ConsoleScript& script,
                                              std::string_view python_file_name) {
    return relative_python_shebang(python_file_name) + console_script_body(script);
}

std::string console_script_body(const ConsoleScript& script) {
    const std::string import_name = script.function.substr(0, script.function.find('.'));
    return fmt::format("# -*- coding: utf-8 -*-\n"
                       "import re\n"
                       "import sys\n"
                       "from {} import {}\n"
                       "if __name__ == '__main__':\n"
                       "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                       "    sys.exit({}())\n",
                       script.module, import_name, script.function);
}

std::string render_console_script(const ConsoleScript& script, std::string_view python) {
    return python_shebang(python) + console_script_body(script);
}

} // namespace cppvenv
