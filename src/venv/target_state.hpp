#pragma once
// What is at the target path now, and which apply mode that calls for.

#include "util/platform.hpp"
#include "venv/apply.hpp"
#include "venv/create_options.hpp"

#include <boost/filesystem/path.hpp>
#include <string>

namespace cppvenv {

enum class TargetKind {
    Missing,
    NotADirectory,
    Venv, // a folder with pyvenv.cfg
    EmptyDirectory,
    UnfinishedVenv, // no pyvenv.cfg, and nothing but a venv's own entries: a killed create
    OtherDirectory, // not empty, no pyvenv.cfg: the user's files
};

struct TargetState {
    TargetKind kind = TargetKind::Missing;
    bool is_symlink = false;
    bool is_mount_point = false;
    bool is_protected = false;        // "/", $HOME, the current folder or one of its parents
    bool has_other_entries = false;   // a venv that shares its folder with the user's files
    platform::EntryIdentity identity; // of the folder (links followed), to check before deleting
};

// Reads what is at `target` now.
TargetState inspect_target(const boost::filesystem::path& target);

// Pure: how to apply a plan to a target in `state`. Throws Error for the cases
// cppvenv refuses (never deleting what the user did not make as a venv).
ApplyMode choose_apply_mode(const boost::filesystem::path& target, const TargetState& state,
                            const CreateOptions& options);

std::string describe_apply_mode(ApplyMode mode);

// Creates the target's missing parent folders (as venv does).
void prepare_parent(const boost::filesystem::path& target, ApplyMode mode);

} // namespace cppvenv
