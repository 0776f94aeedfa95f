#pragma once
// The bytecode of a compiled tree of the wheel cache: compiled once by the
// venv's Python, so a symlinked package folder never makes Python write into
// the cache (seed/wheel_cache.hpp).

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>

namespace cppvenv {

// Which Python compiles, and the tag its compiled tree is kept under.
struct BytecodeCompiler {
    boost::filesystem::path python;
    std::string tag; // "cpython-3.12": bytecode is the same for one implementation and version
};

// The tag for `implementation` ("cpython", "pypy") and its language version, or
// std::nullopt when the name could not be a folder's.
std::optional<std::string> bytecode_tag(const std::string& implementation, int major, int minor);

// Compiles every .py below `folder` (absolute) at optimization levels 0, 1 and 2
// (python, python -O, python -OO) with `python`, isolated (-I), into unchecked
// hash-based .pyc files that name their sources below `final_folder` (where the
// tree is renamed to), and makes the bytecode read-only. Throws Error, with
// what Python printed, when it fails.
void compile_bytecode(const boost::filesystem::path& python, const boost::filesystem::path& folder,
                      const boost::filesystem::path& final_folder);

} // namespace cppvenv
