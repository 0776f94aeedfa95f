#pragma once
// The distributions installed in a venv, read from their metadata files.

#include <boost/filesystem/path.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

struct Distribution {
    std::string name;
    std::string version;
};

// Every installed distribution (*.dist-info/METADATA, *.egg-info/PKG-INFO) in
// the venv's site-packages folders, sorted by name; Python is not started.
std::vector<Distribution> installed_distributions(const boost::filesystem::path& venv);

// "Name" and "Version" from a METADATA / PKG-INFO text (email-style headers).
Distribution parse_distribution_metadata(std::string_view text);

} // namespace cppvenv
