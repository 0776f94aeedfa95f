#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cppvenv {

// The values cppvenv writes into pyvenv.cfg, in the order CPython 3.11+ writes them.
struct PyvenvCfg {
    std::string home;
    bool include_system_site_packages = false;
    std::string version;
    std::optional<std::string> prompt;
    std::string executable;
    std::string command;
    std::string cppvenv_version;
};

// Renders the file. Throws Error when a value holds a newline, a carriage return
// or a NUL (the interpreter would read the rest as another key), or is not valid
// UTF-8 (the interpreter's site.py would fail to read the file).
std::string render_pyvenv_cfg(const PyvenvCfg& cfg);

// "key = value" lines as the interpreter's site.py reads them: split at the first
// '=', both sides stripped; lines without '=' are ignored.
std::vector<std::pair<std::string, std::string>> parse_pyvenv_cfg(std::string_view text);

// The text Python's repr() gives for a str, e.g. 'My prompt' or "it's".
std::string python_string_repr(std::string_view text);

} // namespace cppvenv
