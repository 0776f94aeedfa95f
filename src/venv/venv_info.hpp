#pragma once

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cppvenv {

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

// Reads ENV/pyvenv.cfg; throws Error naming the path when ENV is not a venv.
VenvConfig read_venv_config(const boost::filesystem::path& venv);

// The base interpreter the venv runs: `executable` when pyvenv.cfg has it, else
// where the venv's own bin/python link leads (outside the venv), else the first
// python in `home` that exists (PyPy's names first for a PyPy venv), else
// `home`/python3.
boost::filesystem::path base_interpreter(const boost::filesystem::path& venv,
                                         const VenvConfig& config);

// The venv's own python (bin/python, bin/python3 or Scripts/python.exe), or empty.
boost::filesystem::path venv_python(const boost::filesystem::path& venv);

// "cpython" or "pypy" from the venv's lib/ folder names, or "".
std::string implementation_from_layout(const boost::filesystem::path& venv);

struct Distribution {
    std::string name;
    std::string version;
};

// Every installed distribution (*.dist-info/METADATA, *.egg-info/PKG-INFO) in
// the venv's site-packages folders, sorted by name; Python is not started.
std::vector<Distribution> installed_distributions(const boost::filesystem::path& venv);

// "Name" and "Version" from a METADATA / PKG-INFO text (email-style headers).
Distribution parse_distribution_metadata(std::string_view text);

// Bytes the folder takes on disk (allocated blocks), each hard-linked file
// counted once, symlinks not followed.
unsigned long long disk_usage(const boost::filesystem::path& root);

struct VenvInfo {
    boost::filesystem::path path; // absolute
    VenvConfig config;
    std::string implementation; // from pyvenv.cfg, else from the layout
    boost::filesystem::path base_executable;
    bool base_exists = false;
    std::vector<Distribution> distributions;
    unsigned long long size_on_disk = 0;
};

// Everything `cppvenv info` shows. Throws Error when `venv` is not a venv.
VenvInfo read_venv_info(const boost::filesystem::path& venv);

} // namespace cppvenv
