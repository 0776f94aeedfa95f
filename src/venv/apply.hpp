#pragma once
// Performing a plan: fresh, replace (--clear), clear in place, in place.

#include "util/platform.hpp"
#include "venv/plan.hpp"

#include <boost/filesystem/path.hpp>
#include <functional>

namespace cppvenv {

enum class ApplyMode {
    Fresh,   // nothing at the target: build beside it, rename into place
    Replace, // --clear of a folder that holds only a venv: build beside it, swap, delete the old
    ClearInPlace, // --clear of a venv among other files, or on a mount point: delete only
                  // the venv's own entries, then write in place
    InPlace,      // write into the existing folder, each file atomically, pyvenv.cfg last
};

// Where a plan goes.
struct ApplyTarget {
    boost::filesystem::path path;      // absolute: the real folder of plan.env_dir
    std::string shown;                 // as the user gave it: every error names this
    platform::EntryIdentity inspected; // the folder that was inspected (Replace, ClearInPlace)
};

enum class ApplyOutcome {
    Done,
    TargetAppeared, // Fresh only: another process made the target meanwhile; nothing changed
};

// Runs after every entry but pyvenv.cfg is written, with the folder being built
// (a staging folder or the target itself). Seeding pip happens here.
using BeforeConfigHook = std::function<void(const boost::filesystem::path& build_root)>;

// Performs `plan` at `target`. Throws Error (Interrupted after SIGINT, SIGTERM
// or SIGHUP); on failure a staging folder is removed and the target is left as
// it was. Replace and ClearInPlace delete only what belongs to the venv, and
// only after checking that the folder is still the one inspected.
ApplyOutcome apply_plan(const Plan& plan, const ApplyTarget& target, ApplyMode mode,
                        const BeforeConfigHook& before_config);

// Removes staging folders in `parent` left by killed cppvenv processes (only
// those it can prove cppvenv made: see venv/aside_folder.hpp).
void remove_stale_staging_dirs(const boost::filesystem::path& parent);

} // namespace cppvenv
