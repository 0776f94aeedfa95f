#pragma once
// The Plan: every entry a venv holds, computed without touching the disk.

#include "activation/activation.hpp"
#include "python/interpreter_facts.hpp"
#include "seed/seed_selection.hpp"
#include "util/target_path.hpp"
#include "venv/create_options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

enum class EntryKind {
    Directory, // created with `mode`
    File,      // `contents` written with `mode`
    Symlink,   // a link whose text is `link_target`
    Copy,      // a copy of `copy_source` (a path on this machine) with `mode`
};

// One thing the venv holds. Paths are relative to the venv root, '/'-separated;
// TargetPath turns them into the target platform's form for display.
struct PlanEntry {
    EntryKind kind = EntryKind::File;
    std::string relative_path;
    std::string contents;
    unsigned mode = 0644;
    std::string link_target;
    std::string copy_source;
};

// How pip gets into the venv.
enum class PipSource {
    None,          // --without-pip
    BundledWheels, // install the chosen wheels (seed/): the bundled ones by default
    RunEnsurepip,  // no wheel found: run the venv's `python -m ensurepip`
};

// Everything `create` will make, computed without touching the disk.
struct Plan {
    TargetPath env_dir;             // the final absolute path
    std::string bin_dir;            // "bin" or "Scripts"
    std::string site_packages;      // relative to env_dir, '/'-separated
    std::string python_in_venv;     // relative path of the venv's main interpreter
    std::vector<PlanEntry> entries; // in creation order; pyvenv.cfg last
    PipSource pip = PipSource::None;
    std::vector<BundledWheel> wheels;                           // for PipSource::BundledWheels
    PackageLinkMode package_link_mode = PackageLinkMode::Clone; // from the wheel cache
    WheelCacheUse wheel_cache = WheelCacheUse::Use;
    Relocatable relocatable = Relocatable::No;
};

const PlanEntry* find_entry(const Plan& plan, const std::string& relative_path);

} // namespace cppvenv

namespace cppvenv {

// Everything make_plan needs, already resolved by the caller.
struct PlanRequest {
    InterpreterFacts facts;
    TargetPath env_dir;                // absolute, final
    CreateOptions options;             // flags; env_dirs is not read
    std::optional<std::string> prompt; // "." already replaced by the folder's name
    std::string command;               // the `command` line of pyvenv.cfg
    std::string cppvenv_version;
    // The installable wheels of options.seed_from (seed/seed_folders.hpp).
    std::vector<SeedFolderWheel> seed_folder_wheels;
};

// Pure: what the venv will hold. Throws Error for values the venv cannot hold
// (a newline in a path or prompt, a path with the PATH separator).
Plan make_plan(const PlanRequest& request);

// What cppvenv writes into a venv's .gitignore and CACHEDIR.TAG (so --clear can
// tell its own from the user's).
extern const char* const gitignore_contents;
extern const char* const cachedir_tag_contents;

// One line per entry, for --dry-run.
std::string describe_plan(const Plan& plan);

} // namespace cppvenv
