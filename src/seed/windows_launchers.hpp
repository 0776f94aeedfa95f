#pragma once
// Console scripts on Windows: NAME.exe files in the layout of distlib's
// launchers (which pip writes and reads), run by cppvenv's own launcher program
// (src/launcher/windows_console_launcher.c, embedded into cppvenv.exe).

#include "seed/console_scripts.hpp"

#include <string>
#include <string_view>

namespace cppvenv {

// The whole NAME.exe: `launcher` (the program's bytes), then the shebang line
// `#!"PYTHON"\r\n` (`python` an absolute Windows path), then a zip archive
// holding `__main__.py`, the script pip would write. The launcher finds the
// archive from its end, the shebang just before it, and runs
// `PYTHON NAME.exe ARGS...`; Python runs the archive's __main__.py. Throws
// Error when `python` holds a quote or a line end (the line could not hold it).
std::string render_windows_console_launcher(const ConsoleScript& script, std::string_view python,
                                            std::string_view launcher);

// A zip archive of one file, stored uncompressed (what a launcher needs: Python's
// zipimport reads it; nothing to gain from deflating a few hundred bytes).
std::string zip_of_one_file(std::string_view name, std::string_view contents);

} // namespace cppvenv
