#pragma once
// `move`: moves a venv and rewrites what records its folder, whole or not at all.

#include <string>

namespace cppvenv {

// Moves the venv `from` to `to` and rewrites what names its folder: launchers
// in bin/ whose first lines start this venv's python by absolute path (regular
// files only; symlinks are never written through), the activation scripts
// (rendered again, same prompt), and pyvenv.cfg's values other than the base
// interpreter's (`command`). `to` must not exist, and must be on the same file
// system (a move is one rename). `to` == `from` rewrites in place what still
// names the folder the venv was made at (moved with mv, or copied with cp -a).
// Every rewrite is staged before any is published, and put back when a later
// step (or the rename) fails: the venv is left as it was, and Error names the
// paths as the user gave them. Files that still name the old folder (an
// editable install's .pth, direct_url.json) are reported as warnings.
void move_venv(const std::string& from, const std::string& to);

} // namespace cppvenv
