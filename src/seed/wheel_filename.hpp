#pragma once
// A wheel's file name (name-version(-build)?-python-abi-platform.whl), parsed
// strictly: a seed folder is a place where anyone who can write may plant a file.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

struct WheelFilename {
    std::string distribution;             // as written: "pip", "setuptools"
    std::string version;                  // a PEP 440 version: "24.0"
    std::string build_tag;                // "" or digits first: "1", "2_local"
    std::vector<std::string> python_tags; // "py2", "py3" from "py2.py3"
    std::vector<std::string> abi_tags;
    std::vector<std::string> platform_tags;
};

// The parts of `file_name` (a name, not a path), or nothing when it is not a
// wheel's name as the binary distribution format spells it: five or six
// '-'-separated fields of letters, digits, '_' and '.', a distribution name that
// starts and ends with a letter or digit, a PEP 440 version, a build tag that
// starts with a digit, no empty tag, and ".whl".
std::optional<WheelFilename> parse_wheel_filename(std::string_view file_name);

// -1, 0 or 1 as build tag `a` sorts before, with or after `b`, as the binary
// distribution format orders them (pip takes the highest among wheels of one
// version): no tag first, then by the number the tag starts with, then by the
// rest as text ("2" < "10" < "10a").
int compare_build_tags(std::string_view a, std::string_view b);

// A project name as PEP 503 compares them: lower case, each run of '-', '_' and
// '.' one '-'.
std::string normalized_project_name(std::string_view name);

// Whether a wheel installs on every platform for this Python: abi "none",
// platform "any", and a python tag that pip accepts for it — py3, py3X for X up
// to `minor`, or this interpreter's own cp3X / pp3X.
bool is_pure_python_wheel_for(const WheelFilename& wheel, const std::string& implementation,
                              int major, int minor);

// Whether a wheel's .dist-info folder ("pip-24.0.dist-info") names the project
// and version of its file name (names compared as PEP 503 does, versions as PEP
// 440 does): a file named like pip that installs something else is refused.
bool dist_info_matches(const std::string& dist_info_dir, const WheelFilename& wheel);

} // namespace cppvenv
