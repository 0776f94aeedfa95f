// Performs a plan: fresh (staging + rename), replace (--clear), in place.
#include "venv/apply.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/host_platform.hpp"
#include "util/interrupts.hpp"
#include "util/platform.hpp"
#include "util/tree_writer.hpp"
#include "venv/aside_folder.hpp"
#include "venv/venv_entries.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// Streams `source` (a file on this machine, outside the venv) into `output`.
void copy_into(TreeWriter::Output& output, const fs::path& source) {
    const int in = platform::open_for_reading(source);
    if (in < 0) {
        throw_system_error("cannot read", source);
    }
    char buffer[1 << 16];
    for (;;) {
        const long got = platform::read_from(in, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            const int saved = errno;
            platform::close_file(in);
            errno = saved;
            throw_system_error("cannot read", source);
        }
        if (got == 0) {
            break;
        }
        output.write(std::string_view(buffer, static_cast<size_t>(got)));
    }
    platform::close_file(in);
}

void copy_file(TreeWriter& writer, const std::string& relative, const fs::path& source,
               unsigned mode, Existing existing) {
    TreeWriter::Output output = writer.open_file(relative, mode, existing);
    copy_into(output, source);
    output.commit();
}

// Windows lets only elevated users (or Developer Mode) create symlinks; CPython's
// venv then copies the file instead, and so does this. POSIX never falls back.
void make_link(TreeWriter& writer, const PlanEntry& entry, Existing existing) {
    if (host_platform() != Platform::Windows) {
        writer.make_symlink(entry.relative_path, entry.link_target, existing);
        return;
    }
    if (!writer.make_symlink_if_permitted(entry.relative_path, entry.link_target, existing)) {
        const fs::path target(entry.link_target);
        const fs::path path = writer.shown_path(entry.relative_path);
        copy_file(writer, entry.relative_path,
                  target.is_absolute() ? target : path.parent_path() / target, 0755,
                  Existing::Replace);
    }
}

// Every entry goes through the one tree writer: into a fresh staging folder
// each name must be new (Existing::Refuse); into a live venv each file is
// written under a temporary name and renamed (Existing::Replace). No folder on
// the way is followed through a symlink.
void write_entry(TreeWriter& writer, const PlanEntry& entry, Existing existing) {
    switch (entry.kind) {
    case EntryKind::Directory:
        writer.make_folders(entry.relative_path);
        break;
    case EntryKind::File:
        writer.write_file(entry.relative_path, entry.contents, entry.mode, existing);
        break;
    case EntryKind::Symlink:
        make_link(writer, entry, existing);
        break;
    case EntryKind::Copy:
        copy_file(writer, entry.relative_path, entry.copy_source, entry.mode, existing);
        break;
    }
}

bool is_config(const PlanEntry& entry) {
    return entry.relative_path == "pyvenv.cfg";
}

void build_into(const Plan& plan, const fs::path& root, Existing existing,
                const BeforeConfigHook& before_config) {
    TreeWriter writer(root);
    for (const PlanEntry& entry : plan.entries) {
        throw_if_interrupted();
        if (!is_config(entry)) {
            write_entry(writer, entry, existing);
        }
    }
    if (before_config) {
        before_config(root);
    }
    throw_if_interrupted();
    // Python treats a folder as a venv once pyvenv.cfg exists: write it last.
    for (const PlanEntry& entry : plan.entries) {
        if (is_config(entry)) {
            write_entry(writer, entry, existing);
        }
    }
}

// Runs `work`, which builds into `staging`: an error names the venv path the
// user gave, never the hidden staging folder.
template <typename Work>
void naming_target(const AsideFolder& staging, const ApplyTarget& target, Work work) {
    try {
        work();
    } catch (const Interrupted&) {
        throw;
    } catch (const Error& error) {
        std::string message = error.what();
        for (const std::string& hidden : {staging.venv_path().string(), staging.path().string()}) {
            for (std::string::size_type at = message.find(hidden); at != std::string::npos;
                 at = message.find(hidden, at + target.shown.size())) {
                message.replace(at, hidden.size(), target.shown);
            }
        }
        throw Error(message);
    }
}

// Opens the target and checks it is still the venv inspect_target saw: the same
// folder (device and inode) with a pyvenv.cfg in it. Throws otherwise.
platform::OpenDirectory open_inspected_venv(const fs::path& path, const ApplyTarget& target,
                                            TopLevelEntries& entries) {
    platform::OpenDirectory directory(
        platform::open_directory(path, platform::FinalSymlink::Refuse));
    platform::EntryIdentity identity;
    if (directory && platform::identity_of(directory.get(), identity) == 0 &&
        identity.device == target.inspected.device && identity.inode == target.inspected.inode) {
        entries = classify_top_level(directory.get(), target.shown);
        if (entries.has_config) {
            return directory;
        }
    }
    throw Error(fmt::format("{} changed while cppvenv was replacing it (it is no longer the venv "
                            "that was there); nothing was deleted: run the command again",
                            target.shown));
}

ApplyOutcome apply_fresh(const Plan& plan, const ApplyTarget& target,
                         const BeforeConfigHook& before_config) {
    AsideFolder staging(target.path, AsideKind::Staging, target.shown);
    naming_target(staging, target,
                  [&] { build_into(plan, staging.venv_path(), Existing::Refuse, before_config); });
    throw_if_interrupted(fmt::format("{} was not created", target.shown));
    if (platform::rename_no_replace(staging.venv_path(), target.path) == 0) {
        return ApplyOutcome::Done;
    }
    if (errno == EEXIST || errno == ENOTEMPTY) {
        return ApplyOutcome::TargetAppeared;
    }
    if (errno == EINVAL) { // a file system without RENAME_NOREPLACE
        if (fs::exists(target.path)) {
            return ApplyOutcome::TargetAppeared;
        }
        if (platform::rename_replacing(staging.venv_path(), target.path) == 0) {
            return ApplyOutcome::Done;
        }
    }
    throw Error(fmt::format("cannot move the new venv into place at {}: {}", target.shown,
                            std::strerror(errno)));
}

// --clear of a folder that holds only a venv: build the new one beside it, swap
// them in one step, delete the old one's entries.
ApplyOutcome apply_replace(const Plan& plan, const ApplyTarget& target,
                           const BeforeConfigHook& before_config) {
    AsideFolder staging(target.path, AsideKind::Staging, target.shown);
    naming_target(staging, target,
                  [&] { build_into(plan, staging.venv_path(), Existing::Refuse, before_config); });
    throw_if_interrupted(fmt::format("nothing was changed at {}", target.shown));
    TopLevelEntries entries;
    open_inspected_venv(target.path, target, entries);
    if (!entries.other.empty()) {
        throw Error(fmt::format("{} changed while cppvenv was replacing it ({} appeared); nothing "
                                "was deleted: run the command again",
                                target.shown, entries.other.front()));
    }
    // At every moment the target holds a whole venv. The old one now sits in
    // the staging folder, which the destructor deletes.
    if (platform::exchange_paths(staging.venv_path(), target.path) != 0) {
        if (errno != EINVAL) {
            throw Error(fmt::format("cannot move the new venv into place at {}: {}", target.shown,
                                    std::strerror(errno)));
        }
        const fs::path aside = staging.path() / "old";
        if (platform::rename_replacing(target.path, aside) != 0) {
            throw Error(fmt::format("cannot move the old venv aside at {}: {}", target.shown,
                                    std::strerror(errno)));
        }
        if (platform::rename_replacing(staging.venv_path(), target.path) != 0) {
            const int saved = errno;
            platform::rename_replacing(aside, target.path);
            throw Error(fmt::format("cannot move the new venv into place at {}: {}", target.shown,
                                    std::strerror(saved)));
        }
        return ApplyOutcome::Done;
    }
    // Whatever reached the old folder between the check and the swap is not the
    // venv's: swap back rather than delete it.
    open_inspected_venv(staging.venv_path(), target, entries);
    if (!entries.other.empty()) {
        platform::exchange_paths(staging.venv_path(), target.path);
        throw Error(fmt::format("{} changed while cppvenv was replacing it ({} appeared); nothing "
                                "was deleted: run the command again",
                                target.shown, entries.other.front()));
    }
    return ApplyOutcome::Done;
}

// --clear of a venv that shares its folder with other files, or is a mount
// point: delete only the venv's own entries (pyvenv.cfg stays until the new one
// replaces it, so a kill leaves something `check` and a re-run recognise), then
// write the new venv in place.
ApplyOutcome apply_clear_in_place(const Plan& plan, const ApplyTarget& target,
                                  const BeforeConfigHook& before_config) {
    TopLevelEntries entries;
    platform::OpenDirectory directory = open_inspected_venv(target.path, target, entries);
    remove_venv_entries(directory.get(), entries, ConfigFile::Keep, target.shown);
    build_into(plan, target.path, Existing::Replace, before_config);
    return ApplyOutcome::Done;
}

} // namespace

ApplyOutcome apply_plan(const Plan& plan, const ApplyTarget& target, ApplyMode mode,
                        const BeforeConfigHook& before_config) {
    switch (mode) {
    case ApplyMode::Fresh:
        return apply_fresh(plan, target, before_config);
    case ApplyMode::Replace:
        return apply_replace(plan, target, before_config);
    case ApplyMode::ClearInPlace:
        return apply_clear_in_place(plan, target, before_config);
    case ApplyMode::InPlace:
        build_into(plan, target.path, Existing::Replace, before_config);
        return ApplyOutcome::Done;
    }
    return ApplyOutcome::Done;
}

void remove_stale_staging_dirs(const fs::path& parent) {
    for (const std::string& name : abandoned_aside_folders(parent, AsideKind::Staging, "")) {
        remove_aside_folder(parent, name);
    }
}

} // namespace cppvenv
