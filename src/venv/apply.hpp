#pragma once

#include "venv/plan.hpp"

#include <boost/filesystem/path.hpp>
#include <functional>

namespace cppvenv {

enum class ApplyMode {
    Fresh,   // nothing at the target: build beside it, rename into place
    Replace, // an old venv or an empty folder: build beside it, swap, delete the old
    InPlace, // write into the existing folder, each file atomically, pyvenv.cfg last
};

enum class ApplyOutcome {
    Done,
    TargetAppeared, // Fresh only: another process made the target meanwhile; nothing changed
};

// Runs after every entry but pyvenv.cfg is written, with the folder being built
// (a staging folder or the target itself). Seeding pip happens here.
using BeforeConfigHook = std::function<void(const boost::filesystem::path& build_root)>;

// Performs `plan` at `target` (the real folder of plan.env_dir). Throws Error; on
// failure a staging folder is removed and the target is left as it was.
ApplyOutcome apply_plan(const Plan& plan, const boost::filesystem::path& target, ApplyMode mode,
                        const BeforeConfigHook& before_config);

// Removes staging folders in `parent` left by killed cppvenv processes.
void remove_stale_staging_dirs(const boost::filesystem::path& parent);

} // namespace cppvenv
