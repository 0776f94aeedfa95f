#pragma once
// Where seed/ writes: the venv's folders, its final path, and the write mode.

#include "seed/bytecode_compiling.hpp"

#include <algorithm>
#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace cppvenv {

enum class WriteMode {
    NewFiles,          // a staging folder: every file is new; an existing one is an error
    ReplaceAtomically, // the venv itself (in place): each file via a temporary and rename
};

// How the files of a package come from the cache of unpacked wheels.
enum class PackageLinkMode {
    Clone,    // reflinks (FICLONE) where the file system has them, else copies: the default
    Copy,     // copies (copy_file_range)
    Hardlink, // hard links to the read-only cache files (uv's Linux default)
    Symlink,  // symlinks to the read-only cache files
};
const char* package_link_mode_name(PackageLinkMode mode); // "clone", …
std::optional<PackageLinkMode> parse_package_link_mode(std::string_view name);

// Whether packages come through the cache of unpacked wheels or straight from
// each wheel file (--no-cache).
enum class WheelCacheUse { Use, Bypass };

// What a console script is in this venv.
enum class ConsoleScriptForm {
    ShebangScript,   // POSIX: bin/NAME, a Python script with a shebang
    WindowsLauncher, // Windows: Scripts\NAME.exe (seed/windows_launchers.hpp);
                     // final_root is then a Windows path
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
    PackageLinkMode link_mode = PackageLinkMode::Clone;
    WheelCacheUse wheel_cache = WheelCacheUse::Use;
    ConsoleScriptForm script_form = ConsoleScriptForm::ShebangScript;
    // For WindowsLauncher: the launcher program's bytes (cppvenv.exe embeds it).
    std::string_view windows_launcher;
    LauncherPython launcher_python = LauncherPython::Absolute;
    // Symlink mode: the Python that compiles the bytecode of folders linked
    // whole (std::nullopt: every file linked alone), and whether folders are
    // linked whole into this venv (install_wheels decides: package_folders.hpp).
    std::optional<BytecodeCompiler> bytecode_compiler;
    bool link_package_folders = false;

    std::string final_python() const {
        std::string path = final_root + "/" + python_in_venv;
        if (script_form == ConsoleScriptForm::WindowsLauncher) {
            std::replace(path.begin(), path.end(), '/', '\\');
        }
        return path;
    }
    // The first lines of a launcher or a "#!python" script.
    std::string launcher_shebang() const;
};

} // namespace cppvenv
