// `move`: plan the rewrites of recorded paths, stage them, publish, rename.
#include "venv/move_venv.hpp"

#include "activation/activation.hpp"
#include "seed/console_scripts.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/interrupts.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "util/tree_writer.hpp"
#include "venv/move_target.hpp"
#include "venv/pyvenv_cfg.hpp"
#include "venv/recorded_paths.hpp"
#include "venv/target_state.hpp"

#include <algorithm>
#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// move takes venvs with a bin/ folder (checked on disk first): the POSIX layout.
constexpr Platform venv_platform = Platform::Posix; // platform read from the tree

// Enough of a file to read a launcher's first lines.
constexpr std::size_t launcher_start_limit = 4096;

struct Rewrite {
    std::string relative; // below the venv, '/'-separated
    std::string original;
    std::string replacement;
    unsigned mode = 0644;
};

struct MovePlan {
    std::vector<Rewrite> rewrites;     // pyvenv.cfg last: a venv is a venv by it
    std::vector<std::string> warnings; // files that still name an old folder
};

// Read through the writer: by path, a folder swapped for a symlink would lend
// another file's mode.
unsigned mode_of(TreeWriter& writer, const std::string& relative) {
    const auto [parent, name] = split_parent(relative);
    const int folder = writer.open_folder(parent);
    platform::EntryIdentity identity;
    return folder >= 0 && platform::identity_at(folder, name, identity) == 0 &&
                   identity.type == platform::PathType::File
               ? identity.mode
               : 0644u;
}

std::string read_whole(TreeWriter& writer, const std::string& relative, std::size_t limit,
                       const MoveRequest& request) {
    std::optional<std::string> text = writer.read_file(relative, limit);
    if (!text) {
        throw Error(fmt::format("cannot move {}: cannot read {} ({}); nothing was changed",
                                request.shown_from, writer.shown_path(relative).string(),
                                std::strerror(errno)));
    }
    return *text;
}

// The folders the venv's files may name as its own: where it is now, where
// bin/activate says it is, the folder pyvenv.cfg's `command` ends with (the
// venv was moved with mv or copied with cp -a from there), and a folder that no
// longer exists (a python there cannot start: the venv was moved from there).
struct RecordedRoots {
    std::vector<std::string> known;
    std::string command;

    bool holds(const std::string& root) {
        if (std::find(known.begin(), known.end(), root) != known.end()) {
            return true;
        }
        const std::string ending = " " + root;
        if (command.size() > ending.size() &&
            command.compare(command.size() - ending.size(), ending.size(), ending) == 0) {
            known.push_back(root);
            return true;
        }
        boost::system::error_code error;
        if (!root.empty() && !fs::exists(fs::symlink_status(root, error))) {
            known.push_back(root);
            return true;
        }
        return false;
    }
};

// The value bin/activate gives VIRTUAL_ENV (cppvenv's, venv's and virtualenv's
// scripts set it on a line of its own), or "".
std::string activated_root(TreeWriter& writer) {
    const std::optional<std::string> script = writer.read_file("bin/activate");
    if (!script) {
        return "";
    }
    for (std::size_t at = script->find("\nVIRTUAL_ENV="); at != std::string::npos;
         at = script->find("\nVIRTUAL_ENV=", at + 1)) {
        const std::size_t start = at + 13;
        const std::string line = script->substr(start, script->find('\n', start) - start);
        const std::optional<LauncherStart> word =
            read_launcher_start("#!/bin/sh\n'''exec' " + line + " \"$0\" \"$@\"\n' '''\n");
        if (word) {
            return word->python;
        }
    }
    return "";
}

// A relocatable venv's launchers run the python beside them, pip's too once moved.
void plan_launchers(TreeWriter& writer, const MoveRequest& request, RecordedRoots& roots,
                    bool relocatable, MovePlan& plan) {
    const std::vector<std::string> scripts = activation_script_names(venv_platform);
    std::vector<std::string> names = writer.list_folder("bin");
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        const std::string relative = "bin/" + name;
        if (std::find(scripts.begin(), scripts.end(), name) != scripts.end() ||
            writer.type_of(relative) != platform::PathType::File) {
            continue; // activation scripts are rendered again; links are never written through
        }
        const std::string head = read_whole(writer, relative, launcher_start_limit, request);
        const std::optional<LauncherStart> start = read_launcher_start(head);
        const fs::path python = start ? fs::path(start->python) : fs::path();
        const std::string root = python.parent_path().parent_path().string();
        const bool own =
            start && (start->length < head.size() || head.size() < launcher_start_limit) &&
            python.parent_path().filename() == "bin" &&
            std::find(names.begin(), names.end(), python.filename().string()) != names.end() &&
            roots.holds(root);
        if (!own) {
            for (const std::string& known : roots.known) {
                if (names_path(head, known)) {
                    plan.warnings.push_back(relative);
                    break;
                }
            }
            continue;
        }
        const std::string text = read_whole(writer, relative, std::string::npos, request);
        const std::string new_python = (request.to / "bin" / python.filename()).string();
        std::string replacement =
            relocatable
                ? relative_python_shebang(python.filename().string()) + text.substr(start->length)
                : with_launcher_python(text, *start, new_python);
        if (replacement != text) {
            plan.rewrites.push_back(
                {relative, text, std::move(replacement), mode_of(writer, relative)});
        }
    }
}

void plan_activation_scripts(TreeWriter& writer, const MoveRequest& request,
                             const VenvConfig& config, const std::string& made_at, MovePlan& plan) {
    const std::string prompt = config.prompt.value_or(fs::path(made_at).filename().string());
    const ActivationValues values{TargetPath(request.to.string(), venv_platform), "bin", prompt,
                                  config.relocatable ? Relocatable::Yes : Relocatable::No};
    for (ActivationScript& script : render_activation_scripts(values)) {
        if (writer.type_of(script.relative_path) != platform::PathType::File) {
            continue;
        }
        std::string text = read_whole(writer, script.relative_path, std::string::npos, request);
        if (text != script.contents) {
            const unsigned mode = mode_of(writer, script.relative_path);
            plan.rewrites.push_back(
                {script.relative_path, std::move(text), std::move(script.contents), mode});
        }
    }
}

// Files pip or an editable install may have written with the old folder in
// them: they are reported, not rewritten (their format is not cppvenv's).
void find_other_recorded_paths(TreeWriter& writer, const RecordedRoots& roots, MovePlan& plan) {
    for (const std::string& lib : writer.list_folder("lib")) {
        const std::string site = "lib/" + lib + "/site-packages";
        for (const std::string& name : writer.list_folder(site)) {
            std::vector<std::string> candidates;
            const auto ends_with = [&name](std::string_view suffix) {
                return name.size() > suffix.size() &&
                       name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
            };
            if (ends_with(".pth") || ends_with(".egg-link")) {
                candidates.push_back(site + "/" + name);
            } else if (ends_with(".dist-info")) {
                candidates.push_back(site + "/" + name + "/direct_url.json");
                candidates.push_back(site + "/" + name + "/RECORD");
            }
            for (const std::string& candidate : candidates) {
                const std::optional<std::string> text = writer.read_file(candidate);
                for (const std::string& root : roots.known) {
                    if (text && names_path(*text, root)) {
                        plan.warnings.push_back(candidate);
                        break;
                    }
                }
            }
        }
    }
}

// What a killed move (or refresh) left while it was writing: its temporaries
// in bin/ and beside pyvenv.cfg, whose process is gone.
void remove_abandoned_temporaries(TreeWriter& writer) {
    for (const std::string& folder : {std::string(), std::string("bin")}) {
        for (const std::string& name : writer.list_folder(folder)) {
            const std::string relative = folder.empty() ? name : folder + "/" + name;
            if (is_abandoned_tree_writer_temporary(name) &&
                writer.type_of(relative) == platform::PathType::File) {
                print_verbose(fmt::format("deleting {}, left by an interrupted write",
                                          writer.shown_path(relative).string()));
                writer.remove_file(relative);
            }
        }
    }
}

MovePlan plan_move(TreeWriter& writer, const MoveRequest& request, const std::string& cfg) {
    const VenvConfig config = parse_venv_config(cfg);
    RecordedRoots roots;
    roots.known.push_back(request.from.string());
    boost::system::error_code error;
    const fs::path real = fs::canonical(request.from, error);
    if (!error && real != request.from) {
        roots.known.push_back(real.string());
    }
    const std::string activated = activated_root(writer);
    if (!activated.empty() && activated.front() == '/' && !roots.holds(activated)) {
        roots.known.push_back(activated);
    }
    roots.command = config.value("command").value_or("");

    MovePlan plan;
    plan_launchers(writer, request, roots, config.relocatable, plan);
    plan_activation_scripts(writer, request, config,
                            activated.empty() ? request.from.string() : activated, plan);
    std::string new_cfg = cfg;
    std::vector<std::string> changed_keys;
    for (const std::string& root : roots.known) {
        if (root != request.to.string()) {
            new_cfg = pyvenv_cfg_with_root(new_cfg, root, request.to.string(), changed_keys);
        }
    }
    find_other_recorded_paths(writer, roots, plan);
    if (new_cfg != cfg) {
        plan.rewrites.push_back(
            {"pyvenv.cfg", cfg, std::move(new_cfg), mode_of(writer, "pyvenv.cfg")});
    }
    return plan;
}

// Puts back the first `count` rewrites; says which could not be.
std::string restore(TreeWriter& writer, const std::vector<Rewrite>& rewrites, std::size_t count) {
    std::string failures;
    for (std::size_t i = count; i-- > 0;) {
        try {
            writer.write_file(rewrites[i].relative, rewrites[i].original, rewrites[i].mode,
                              Existing::Replace);
        } catch (const Error& error) {
            failures +=
                fmt::format("; putting back {} failed: {}", rewrites[i].relative, error.what());
        }
    }
    return failures;
}

// Stages every rewrite, publishes them, then renames the folder; any failure
// puts back what was published.
void apply_move(TreeWriter& writer, const MoveRequest& request, const MovePlan& plan) {
    std::vector<TreeWriter::Output> staged;
    staged.reserve(plan.rewrites.size());
    try {
        for (const Rewrite& rewrite : plan.rewrites) {
            print_verbose(
                fmt::format("rewriting {}", writer.shown_path(rewrite.relative).string()));
            staged.push_back(writer.open_file(rewrite.relative, rewrite.mode, Existing::Replace));
            staged.back().write(rewrite.replacement);
        }
    } catch (const Error& error) {
        // Only temporaries were written; `staged`, never committed, removes them.
        throw Error(fmt::format("cannot move {}: {}; nothing was changed", request.shown_from,
                                error.what()));
    }
    throw_if_interrupted(fmt::format("nothing was changed at {}", request.shown_from));
    std::size_t published = 0;
    try {
        for (TreeWriter::Output& output : staged) {
            output.commit();
            ++published;
        }
    } catch (const Error& error) {
        throw Error(fmt::format("cannot move {}: {}; nothing was changed{}", request.shown_from,
                                error.what(), restore(writer, plan.rewrites, published)));
    }
    if (request.in_place) {
        return;
    }
    print_verbose(fmt::format("renaming {} to {}", request.from.string(), request.to.string()));
    // The rename goes by path: OLD must still name the folder just rewritten.
    const int root = writer.open_folder("");
    if (!names_folder(request.from, root)) {
        throw Error(fmt::format("cannot move {}: it was replaced while cppvenv rewrote it; "
                                "nothing was changed{}",
                                request.shown_from, restore(writer, plan.rewrites, published)));
    }
    int status = platform::rename_no_replace(request.from, request.to);
    if (status != 0 && errno == EINVAL) {
        platform::PathType type = platform::PathType::Missing;
        status = platform::path_type_of_link(request.to, type) == 0 &&
                         type == platform::PathType::Missing
                     ? platform::rename_replacing(request.from, request.to)
                     : (errno = EEXIST, -1);
    }
    if (status != 0) {
        const std::string reason = std::strerror(errno);
        throw Error(fmt::format("cannot move {} to {}: {}; nothing was changed{}",
                                request.shown_from, request.shown_to, reason,
                                restore(writer, plan.rewrites, published)));
    }
    if (!names_folder(request.to, root)) {
        // Swapped between the check and the rename: what was renamed goes back.
        const std::string back =
            platform::rename_no_replace(request.to, request.from) == 0
                ? std::string()
                : fmt::format("; {} could not be renamed back to {}: {}", request.shown_to,
                              request.shown_from, std::strerror(errno));
        throw Error(fmt::format("cannot move {}: it was replaced while cppvenv renamed it; "
                                "nothing was changed{}{}",
                                request.shown_from, back,
                                restore(writer, plan.rewrites, published)));
    }
}

} // namespace

void move_venv(const std::string& from, const std::string& to) {
    MoveRequest request{from, to, absolute_path(from), absolute_path(to), false};
    // In place when NEW is OLD spelt the same (both absolute and lexically
    // normal), or reached through other folders; a NEW that is itself a symlink
    // (to OLD too, even dangling) is a target that exists, and refused.
    boost::system::error_code error;
    platform::PathType to_type = platform::PathType::Missing;
    request.in_place =
        request.from == request.to ||
        (platform::path_type_of_link(request.to, to_type) == 0 &&
         to_type != platform::PathType::Symlink && fs::equivalent(request.from, request.to, error));
    const TargetState state = inspect_target(request.from);
    refuse_unless_movable(state, request);
    refuse_unless_target_fits(request);
    if (request.in_place) {
        request.to = request.from;
    }
    TreeWriter writer = open_inspected_venv(request, state);
    // Read once, through the descriptor: what is planned is what is rewritten.
    const std::string cfg = read_pyvenv_cfg_at(writer.open_folder(""), from);
    if (writer.type_of("bin") != platform::PathType::Directory) {
        throw Error(fmt::format("cannot move {}: it has no bin folder (cppvenv move handles "
                                "POSIX venvs)",
                                from));
    }
    InterruptScope interrupts;
    remove_abandoned_temporaries(writer);
    const MovePlan plan = plan_move(writer, request, cfg);
    apply_move(writer, request, plan);
    for (const std::string& relative : plan.warnings) {
        print_warning(fmt::format("{} still names the old folder (an editable or local install?): "
                                  "reinstall that project to fix it",
                                  (fs::path(to) / relative).string()));
    }
}

} // namespace cppvenv
