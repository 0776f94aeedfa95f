#pragma once
// Everything `cppvenv info` shows about a venv, gathered from its parts.

#include "util/disk_usage.hpp"
#include "venv/base_interpreter.hpp"
#include "venv/installed_distributions.hpp"
#include "venv/pyvenv_cfg.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cppvenv {

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
