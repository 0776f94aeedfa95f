#pragma once
// Symlink mode's whole package folders: which folders of a wheel can be one
// link into the cache's compiled tree, and whether the venv's pip can be
// trusted to remove such a link rather than write through it.

#include "python/interpreter_facts.hpp"
#include "seed/wheel_archive.hpp"
#include "seed/wheel_contents.hpp"

#include <string>
#include <vector>

namespace cppvenv {

// A folder linked whole: `destination` (relative to the venv root,
// "lib/python3.12/site-packages/pip/_internal") is a symlink to the member
// folder `member_folder` ("pip/_internal") of the compiled tree. The package
// folder itself (".../pip") is the venv's own, so pip's uninstall, which
// removes a folder all of whose files it owns, takes only pip's folder, and
// the few files directly in it are linked one by one.
struct LinkedFolder {
    std::string destination;
    std::string member_folder;
    std::string target;          // what the link says (set by the installer: relative, through
                                 // symlink_anchor())
    bool made_by_placer = false; // made along with the files (folder_anchors()): only recorded
};

// The folders one level below the wheel root's package folders (purelib or
// platlib) that can be linked whole: every file below them is a member at the
// same path in the wheel (none comes from .data/), none is a script, none is
// in the .dist-info (where INSTALLER, REQUESTED and RECORD are the venv's own)
// or a __pycache__. The files below them are taken out of `contents.files`.
std::vector<LinkedFolder> take_linkable_folders(WheelContents& contents);

// Whether this pip wheel's uninstaller removes a symlinked folder itself. One
// that resolves symlinks before it decides what it may remove (Debian's and
// Ubuntu's patched pip: its is_local() starts with normalize_path(path))
// refuses such a link as "outside the environment", then installs the new
// version through it, into the cache. False for such a pip, and for one whose
// is_local() is not where pip 10 and later keep it (unknown: not trusted).
bool pip_removes_folder_links(const WheelSource& pip_wheel);

class WheelCache;
// Whether symlink mode may link whole folders into a new venv seeded with
// `wheels` (whose sha256s are `sha256s`, in the same order): only for a user other than root
// (read-only files are what keeps a tool writing into a linked folder out of the cache, and they do
// not stop root), with a Python to compile the bytecode, and under a seeded pip that removes such
// links (above, read from its cache entry). Says why not under -v.
bool may_link_package_folders(const std::vector<BundledWheel>& wheels,
                              const std::vector<std::string>& sha256s, const SeedLayout& layout,
                              WheelCache& cache);

} // namespace cppvenv
