#pragma once
// Where seed/ writes: the venv's folders, its final path, and the write mode.

#include <boost/filesystem/path.hpp>
#include <string>

namespace cppvenv {

enum class WriteMode {
    NewFiles,          // a staging folder: every file is new; an existing one is an error
    ReplaceAtomically, // the venv itself (in place): each file via a temporary and rename
};

// How launchers name the venv's python: by its absolute path (pip's way), or
// relative to their own folder (--relocatable).
enum class LauncherPython { Absolute, BesideScript };

// Where wheels go and for which interpreter. Folders are relative to the venv root
// and '/'-separated.
struct SeedLayout {
    boost::filesystem::path build_root; // the folder being written (staging or the venv)
    std::string final_root;             // the venv's final absolute path, for shebangs
    std::string scripts_dir;            // "bin"
    std::string purelib_dir;            // "lib/python3.12/site-packages"
    std::string platlib_dir;
    std::string headers_dir;    // "include/site/python3.12": one folder per project below
    std::string python_in_venv; // "bin/python3.12", what launchers run
    int python_major = 3;
    int python_minor = 0;
    WriteMode write_mode = WriteMode::NewFiles;
    LauncherPython launcher_python = LauncherPython::Absolute;

    std::string final_python() const { return final_root + "/" + python_in_venv; }
    // The first lines of a launcher or a "#!python" script.
    std::string launcher_shebang() const;
};

} // namespace cppvenv
