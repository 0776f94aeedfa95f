// In place: finds and uninstalls an older installed version before a wheel is installed.
#include "seed/previous_install.hpp"

#include "seed/wheel_record.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/package_version.hpp"
#include "util/tree_writer.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <set>
#include <vector>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

const std::string dist_info_suffix = ".dist-info";

// PEP 503 normalisation, enough to match a .dist-info's project part.
std::string normalized_project(const std::string& name) {
    std::string result;
    for (char c : name) {
        const bool separator = c == '-' || c == '_' || c == '.';
        if (separator) {
            if (result.empty() || result.back() != '-') {
                result += '-';
            }
        } else {
            result += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return result;
}

struct DistInfoName {
    std::string project;
    std::string version;
};

std::optional<DistInfoName> parse_dist_info_name(const std::string& folder) {
    if (folder.size() <= dist_info_suffix.size() ||
        folder.compare(folder.size() - dist_info_suffix.size(), dist_info_suffix.size(),
                       dist_info_suffix) != 0) {
        return std::nullopt;
    }
    const std::string stem = folder.substr(0, folder.size() - dist_info_suffix.size());
    const size_t dash = stem.find('-');
    if (dash == std::string::npos) {
        return std::nullopt;
    }
    return DistInfoName{normalized_project(stem.substr(0, dash)), stem.substr(dash + 1)};
}

// `root_dir`/`path` folded to a path relative to the venv root, or std::nullopt
// when it would leave the venv.
std::optional<std::string> inside_venv(const std::string& root_dir, std::string_view path) {
    if (path.empty() || path.front() == '/') {
        return std::nullopt;
    }
    const std::optional<std::vector<std::string>> parts =
        fold_slash_path(root_dir + "/" + std::string(path), AboveTop::Refuse);
    if (!parts) {
        return std::nullopt;
    }
    std::string folded;
    for (const std::string& part : *parts) {
        folded += (folded.empty() ? "" : "/") + part;
    }
    return folded;
}

// The .pyc files of `source` ("a/b/mod.py") in a/b/__pycache__.
void remove_bytecode_of(TreeWriter& tree, const std::string& source) {
    const std::string::size_type slash = source.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : source.substr(0, slash);
    const std::string file = source.substr(slash == std::string::npos ? 0 : slash + 1);
    const std::string cache = (folder.empty() ? "" : folder + "/") + "__pycache__";
    const std::string prefix = file.substr(0, file.rfind('.')) + ".";
    for (const std::string& name : tree.list_folder(cache)) {
        if (name.compare(0, prefix.size(), prefix) == 0 && name.size() > 4 &&
            name.compare(name.size() - 4, 4, ".pyc") == 0) {
            tree.remove_file(cache + "/" + name);
        }
    }
}

// The paths inside the venv that the RECORD of `folder` lists.
std::vector<std::string> recorded_paths(TreeWriter& tree, const std::string& root_dir,
                                        const std::string& folder) {
    const std::string dist_info = root_dir + "/" + folder;
    RecordText record(tree.read_file(dist_info + "/RECORD").value_or(""));
    std::vector<std::string> paths;
    for (const RecordRow& row : record.rows(tree.shown_path(dist_info + "/RECORD").string())) {
        if (auto relative = inside_venv(root_dir, row.path)) {
            paths.push_back(std::move(*relative)); // never anything outside the venv
        }
    }
    return paths;
}

// Removes what the RECORD of `folder` lists, walking from the venv's root
// without following any symlink: a link planted in an existing venv (or a
// RECORD row that names one) cannot make this delete anything outside it.
void uninstall(TreeWriter& tree, const std::string& root_dir, const std::string& folder) {
    const std::string dist_info = root_dir + "/" + folder;
    std::set<std::string> folders;
    for (const std::string& relative : recorded_paths(tree, root_dir, folder)) {
        tree.remove_file(relative);
        if (relative.size() > 3 && relative.compare(relative.size() - 3, 3, ".py") == 0) {
            remove_bytecode_of(tree, relative);
            const std::string::size_type slash = relative.rfind('/');
            folders.insert((slash == std::string::npos ? "" : relative.substr(0, slash + 1)) +
                           "__pycache__");
        }
        for (std::string::size_type slash = relative.rfind('/'); slash != std::string::npos;
             slash = slash == 0 ? std::string::npos : relative.rfind('/', slash - 1)) {
            folders.insert(relative.substr(0, slash));
        }
    }
    tree.remove_tree(dist_info);
    // Deepest first, so a folder emptied by removing its children goes too.
    std::vector<std::string> ordered(folders.begin(), folders.end());
    std::sort(ordered.begin(), ordered.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& path : ordered) {
        if (!path.empty()) {
            tree.remove_empty_folder(path); // only succeeds when empty
        }
    }
}

} // namespace

bool PreviousInstall::owns(const std::string& destination) const {
    for (std::string::size_type end = destination.size(); end != std::string::npos && end > 0;
         end = destination.rfind('/', end - 1)) {
        if (owned.count(destination.substr(0, end)) != 0) {
            return true;
        }
    }
    return false;
}

PreviousInstall find_previous_install(const SeedLayout& layout, const std::string& root_dir,
                                      const std::string& dist_info_dir) {
    PreviousInstall previous;
    const auto ours = parse_dist_info_name(dist_info_dir);
    if (!ours) {
        return previous;
    }
    TreeWriter tree(layout.build_root);
    for (const std::string& folder : tree.list_folder(root_dir)) {
        const auto installed = parse_dist_info_name(folder);
        if (!installed || installed->project != ours->project) {
            continue;
        }
        if (compare_versions(installed->version, ours->version) >= 0) {
            print_verbose(fmt::format("{} is already installed; leaving it", folder));
            return {PreviousInstall::State::SameOrNewer, {}, {}};
        }
        previous.state = PreviousInstall::State::Older;
        previous.older.push_back(folder);
        previous.owned.insert(root_dir + "/" + folder);
        for (std::string& path : recorded_paths(tree, root_dir, folder)) {
            previous.owned.insert(std::move(path));
        }
    }
    return previous;
}

void remove_previous_install(const SeedLayout& layout, const std::string& root_dir,
                             const PreviousInstall& previous) {
    TreeWriter tree(layout.build_root);
    for (const std::string& folder : previous.older) {
        print_verbose(fmt::format("removing the older {}", folder));
        uninstall(tree, root_dir, folder);
    }
}

} // namespace cppvenv
