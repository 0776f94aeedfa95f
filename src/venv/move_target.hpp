#pragma once
// `move`: which venv and which target it may take; the refusals, each one line.

#include "venv/target_state.hpp"

#include <boost/filesystem/path.hpp>
#include <string>

namespace cppvenv {

class TreeWriter;

// What `move` is told: the paths as given and as absolute paths.
struct MoveRequest {
    std::string shown_from;
    std::string shown_to;
    boost::filesystem::path from;
    boost::filesystem::path to;
    bool in_place = false;
};

// Throws Error unless `state` (of request.from) is a venv that move may take:
// a real folder with pyvenv.cfg, alone in its folder; not /, $HOME or the
// current folder (unless rewritten in place), nor a mount point.
void refuse_unless_movable(const TargetState& state, const MoveRequest& request);

// Throws Error unless request.to can be the venv's new path: one pyvenv.cfg,
// PATH and every activation script can hold, new, in an existing folder outside
// the venv, on the same file system.
void refuse_unless_target_fits(const MoveRequest& request);

// The writer move reads and writes OLD through: OLD opened once, a final
// symlink refused, and checked to be the very folder `state` (inspect_target)
// describes. OLD swapped for a symlink (or another folder) since would lead
// every rewrite into whatever that names; Error says it was replaced.
TreeWriter open_inspected_venv(const MoveRequest& request, const TargetState& state);

// Whether `path` itself (a final symlink is not followed) is the folder open as
// `directory`: the same device and inode. The rename goes by path. Always true
// on Windows, where an open folder has no identity to compare.
bool names_folder(const boost::filesystem::path& path, int directory);

} // namespace cppvenv
