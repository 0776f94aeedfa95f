#pragma once
// pyvenv.cfg: the one writer (render_pyvenv_cfg) and the one reader
// (parse_venv_config, read_venv_config); what one writes the other reads back.

#include <boost/filesystem/path.hpp>
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
    bool relocatable = false; // written as uv writes it: `relocatable = true`
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

// What pyvenv.cfg says, with the differences between creators smoothed over.
struct VenvConfig {
    std::vector<std::pair<std::string, std::string>> entries; // every key, in file order
    std::string home;
    std::string version;        // "3.12.1": `version` (venv) or `version_info` (virtualenv, uv)
    std::string implementation; // "cpython", "pypy", or "" when the file does not say
    std::string executable;     // the `executable` key (3.11+), or ""
    bool include_system_site_packages = false;
    std::optional<std::string> prompt; // unquoted
    bool relocatable = false;
    std::string creator;         // "cppvenv", "virtualenv", "uv" or "venv"
    std::string creator_version; // "" when the file does not say

    std::optional<std::string> value(std::string_view key) const;
};

// Pure: reads pyvenv.cfg's text.
VenvConfig parse_venv_config(std::string_view text);

// "3.12.1" from "3.12.1", "3.11.2.final.0" or "3.13.0rc1": the leading numbers.
std::string normalize_python_version(std::string_view text);

// A value as Python's repr() wrote it ('a', "it's") back to its text; anything
// else unchanged.
std::string unquote_python_string(std::string_view text);

// Far more than any venv tool writes (a few hundred bytes): a bigger pyvenv.cfg
// (or /dev/zero) is refused rather than read into memory.
constexpr std::size_t pyvenv_cfg_limit = 64 * 1024;

// The text of pyvenv.cfg in the open folder `directory` (the venv `venv`, named
// in errors): only a regular file, not through a symlink, without blocking on a
// FIFO, at most pyvenv_cfg_limit bytes. Throws Error naming `venv` otherwise.
std::string read_pyvenv_cfg_at(int directory, const boost::filesystem::path& venv);

// Reads ENV/pyvenv.cfg as read_pyvenv_cfg_at does; throws Error naming the path
// when ENV is not a venv.
VenvConfig read_venv_config(const boost::filesystem::path& venv);

} // namespace cppvenv
