// A folder's top level sorted into the venv's own entries and the rest.
#include "venv/venv_entries.hpp"

#include "activation/template_rendering.hpp"
#include "util/error.hpp"
#include "util/platform.hpp"
#include "util/tree_writer.hpp"
#include "venv/plan.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace cppvenv {

namespace {

const std::array<const char*, 11> layout_names = {"bin", "Scripts", "include",   "Include",
                                                  "lib", "Lib",     "lib64",     "share",
                                                  "etc", "man",     "pyvenv.cfg"};

// What CPython's venv (3.13+) writes into .gitignore.
const char* const venv_gitignore =
    "# Created by venv; see https://docs.python.org/3/library/venv.html\n*\n";
// What virtualenv (20.x) writes into .gitignore.
const char* const virtualenv_gitignore = "# created by virtualenv automatically\n*\n";

bool holds_exactly(int directory, const std::string& name, const std::vector<std::string>& texts) {
    std::string contents;
    if (platform::read_file_at(directory, name, 4096, contents) != 0) {
        return false;
    }
    return std::find(texts.begin(), texts.end(), contents) != texts.end();
}

// A file or link the tree writer was writing when its create was killed
// (".cppvenv-tmp-PID-N", the only temporaries cppvenv makes inside a venv),
// whose process is gone.
bool is_leftover_temporary(int directory, const std::string& name) {
    platform::EntryIdentity identity;
    return is_abandoned_tree_writer_temporary(name) &&
           platform::identity_at(directory, name, identity) == 0 &&
           (identity.type == platform::PathType::File ||
            identity.type == platform::PathType::Symlink);
}

bool belongs_to_venv(int directory, const std::string& name) {
    if (std::find(layout_names.begin(), layout_names.end(), name) != layout_names.end()) {
        return true;
    }
    if (is_leftover_temporary(directory, name)) {
        return true;
    }
    if (name == ".gitignore") {
        // Exactly one of these, as written on POSIX or (text mode, CRLF) on
        // Windows: any other .gitignore may be the user's.
        std::vector<std::string> known;
        for (const char* contents : {gitignore_contents, venv_gitignore, virtualenv_gitignore}) {
            known.emplace_back(contents);
            known.push_back(with_line_endings(contents, LineEndings::CrLf));
        }
        return holds_exactly(directory, name, known);
    }
    if (name == "CACHEDIR.TAG") {
        return holds_exactly(directory, name, {cachedir_tag_contents});
    }
    return false;
}

} // namespace

TopLevelEntries classify_top_level(int directory, const std::string& shown) {
    std::vector<std::string> names;
    if (platform::list_directory(directory, names) != 0) {
        throw Error(fmt::format("cannot read {}: {}", shown, std::strerror(errno)));
    }
    std::sort(names.begin(), names.end());
    TopLevelEntries entries;
    for (const std::string& name : names) {
        (belongs_to_venv(directory, name) ? entries.venv : entries.other).push_back(name);
    }
    platform::EntryIdentity config;
    entries.has_config = platform::identity_at(directory, "pyvenv.cfg", config) == 0 &&
                         config.type == platform::PathType::File;
    return entries;
}

void remove_venv_entries(int directory, const TopLevelEntries& entries, ConfigFile config,
                         const std::string& shown) {
    for (const std::string& name : entries.venv) {
        if (name != "pyvenv.cfg" && platform::remove_tree_at(directory, name) != 0) {
            throw Error(fmt::format("cannot delete {}/{}: {}", shown, name, std::strerror(errno)));
        }
    }
    if (config == ConfigFile::Remove && platform::remove_tree_at(directory, "pyvenv.cfg") != 0) {
        throw Error(fmt::format("cannot delete {}/pyvenv.cfg: {}", shown, std::strerror(errno)));
    }
}

} // namespace cppvenv
