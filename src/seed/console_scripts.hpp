#pragma once
// Console-script launchers: entry points, shebangs and the /bin/sh trampoline.

#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// One launcher to write into the venv's bin folder: `name` runs `module:function`.
struct ConsoleScript {
    std::string name;     // file name in bin/, e.g. "pip3.12"
    std::string module;   // "pip._internal.cli.main"
    std::string function; // "main" (may be dotted: "Class.method")
};

// The [console_scripts] and [gui_scripts] of an entry_points.txt, renamed as pip
// renames them when ensurepip installs (no ENSUREPIP_OPTIONS): pip's "pip",
// "pipN", "pipN.M" become pip, pip3, pip3.<minor>; setuptools' "easy_install" and
// "easy_install-N.M" become easy_install, easy_install-3.<minor>. Throws Error
// naming `origin` for a name that is not a plain file name or a target that is
// not `dotted.module:dotted.name`.
std::vector<ConsoleScript> console_scripts_from_entry_points(std::string_view entry_points_text,
                                                             int python_major, int python_minor,
                                                             std::string_view origin);

// The lines that start a script so that the kernel runs it with `python` (an
// absolute path): "#!PYTHON\n", or, when the path holds a space or a tab or the
// line would pass the 127 bytes Linux has long allowed, a /bin/sh trampoline
// that is also a valid Python string statement (as pip's distlib writes it).
std::string python_shebang(std::string_view python);

// The Python code of a launcher, after its shebang: imports and calls the entry
// point, as pip writes it.
std::string console_script_body(const ConsoleScript& script);

// The lines that start a script in a relocatable venv (--relocatable): a /bin/sh
// trampoline that runs `python_file_name` from the folder the script itself is
// in, as uv writes it. That folder is the script's real path's (a symlink to the
// launcher from elsewhere still works) where `realpath` exists (POSIX only since
// 2024, macOS from 13), else the path it was run by.
std::string relative_python_shebang(std::string_view python_file_name);

// The whole launcher file, as pip writes it: shebang and body.
std::string render_console_script(const ConsoleScript& script, std::string_view python);

// The same launcher for a relocatable venv: relative_python_shebang() first.
std::string render_relocatable_console_script(const ConsoleScript& script,
                                              std::string_view python_file_name);

} // namespace cppvenv
