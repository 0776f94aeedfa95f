#pragma once
// What installing a wheel straight from it and through the cache share
// (seed/install_wheels.cpp, seed/install_through_cache.cpp).

#include "seed/install_wheels.hpp"
#include "seed/package_folders.hpp"
#include "seed/parallel_placing.hpp"
#include "seed/wheel_archive.hpp"
#include "seed/wheel_contents.hpp"
#include "seed/wheel_pack.hpp"

#include <vector>

namespace cppvenv {

// The install itself, from `wheel` mapped as `contents`. In place, first what
// may refuse the wheel, before anything changes: every member checked against
// RECORD (placer.check_all, for a source not checked yet), and no name it
// writes may exist unless the older install of its project owns it; then the
// uninstall of that older version. Then the folders linked whole and symlink mode's anchor
// (`linked_folders`), the scripts, the package files (by `placer`, on several
// threads where it allows), then launchers, INSTALLER, REQUESTED and RECORD.
// The scripts' bytes also go to `scripts_also`, when given (the placer sends
// the other files').
InstalledWheel install_from(const WheelSource& wheel, const WheelContents& contents,
                            const SeedLayout& layout, const FilePlacer& placer,
                            MemberSink* scripts_also = nullptr,
                            const std::vector<LinkedFolder>& linked_folders = {});

// Package files straight from the wheel, each thread with a reader of its own
// (inflating is most of the work), each member's hash checked as it is
// written; their bytes also go to `also`, when given.
FilePlacer placer_from(const WheelArchive& wheel, MemberSink* also);

} // namespace cppvenv
