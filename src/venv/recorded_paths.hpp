#pragma once
// Pure: the text in a venv that records the folder it was made at (launchers'
// first lines, pyvenv.cfg values), read and rewritten for another folder.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// The python a script's first lines start, when they name it by absolute path:
// "#!/venv/bin/python3\n", or the /bin/sh trampoline pip (distlib) and cppvenv
// write for a path with a space or past 127 bytes:
//     #!/bin/sh
//     '''exec' '/my venv/bin/python3' "$0" "$@"      (or "/my venv/...", distlib's)
//     ' '''
// Nothing for anything else: no shebang, one with arguments, /usr/bin/env, or a
// relocatable launcher (its python is found from its own folder).
struct LauncherStart {
    std::string python;     // the absolute path, unquoted
    std::size_t length = 0; // bytes of the text these lines take, newlines included
};
std::optional<LauncherStart> read_launcher_start(std::string_view text);

// The same script starting `python` instead (python_shebang(): a trampoline
// again when the new path needs one).
std::string with_launcher_python(std::string_view text, const LauncherStart& start,
                                 std::string_view python);

// pyvenv.cfg's text with `old_root` replaced by `new_root` wherever a value
// names it as a whole path (`command`'s last word, ...), line by line, all else
// byte for byte. The keys that name the base interpreter (home, executable,
// base-*) and the prompt are never changed. `changed_keys` gets the keys it changed.
std::string pyvenv_cfg_with_root(std::string_view text, std::string_view old_root,
                                 std::string_view new_root, std::vector<std::string>& changed_keys);

// Whether `text` names `root` as a whole path (followed by the end, '/', a
// quote, a space or a line end).
bool names_path(std::string_view text, std::string_view root);

} // namespace cppvenv
