#include "seed/previous_install.hpp"

#include "seed/wheel_record.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/package_version.hpp"
#include "util/platform.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
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
std::optional<std::string> inside_venv(const std::string& root_dir, const std::string& path) {
    if (path.empty() || path.front() == '/') {
        return std::nullopt;
    }
    std::vector<std::string> parts;
    std::string joined = root_dir + "/" + path;
    size_t start = 0;
    while (start <= joined.size()) {
        const size_t end = std::min(joined.find('/', start), joined.size());
        const std::string part = joined.substr(start, end - start);
        if (part == "..") {
            if (parts.empty()) {
                return std::nullopt;
            }
            parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = end + 1;
    }
    std::string folded;
    for (const std::string& part : parts) {
        folded += (folded.empty() ? "" : "/") + part;
    }
    return folded;
}

void remove_bytecode_of(const fs::path& source) {
    const fs::path cache = source.parent_path() / "__pycache__";
    const std::string prefix = source.stem().string() + ".";
    boost::system::error_code error;
    for (fs::directory_iterator it(cache, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, prefix.size(), prefix) == 0 && it->path().extension() == ".pyc") {
            platform::remove_file(it->path());
        }
    }
}

void uninstall(const SeedLayout& layout, const std::string& root_dir, const std::string& folder) {
    const fs::path dist_info = layout.build_root / root_dir / folder;
    const std::string record = read_file(dist_info / "RECORD").value_or("");
    std::set<fs::path> folders;
    for (const RecordRow& row : parse_record(record, (dist_info / "RECORD").string())) {
        const auto relative = inside_venv(root_dir, row.path);
        if (!relative) {
            continue; // never touch anything outside the venv
        }
        const fs::path path = layout.build_root / *relative;
        platform::remove_file(path);
        if (path.extension() == ".py") {
            remove_bytecode_of(path);
            folders.insert(path.parent_path() / "__pycache__");
        }
        for (fs::path parent = path.parent_path();
             parent.string().size() > layout.build_root.string().size();
             parent = parent.parent_path()) {
            folders.insert(parent);
        }
    }
    boost::system::error_code error;
    fs::remove_all(dist_info, error);
    // Deepest first, so a folder emptied by removing its children goes too.
    std::vector<fs::path> ordered(folders.begin(), folders.end());
    std::sort(ordered.begin(), ordered.end(), [](const fs::path& a, const fs::path& b) {
        return a.string().size() > b.string().size();
    });
    for (const fs::path& path : ordered) {
        platform::remove_empty_directory(path); // only succeeds when empty
    }
}

} // namespace

PreviousInstall remove_older_install(const SeedLayout& layout, const std::string& root_dir,
                                     const std::string& dist_info_dir) {
    const auto ours = parse_dist_info_name(dist_info_dir);
    if (!ours) {
        return PreviousInstall::None;
    }
    std::vector<std::string> older;
    boost::system::error_code error;
    for (fs::directory_iterator it(layout.build_root / root_dir, error), end; !error && it != end;
         it.increment(error)) {
        const std::string folder = it->path().filename().string();
        const auto installed = parse_dist_info_name(folder);
        if (!installed || installed->project != ours->project) {
            continue;
        }
        if (compare_versions(installed->version, ours->version) >= 0) {
            print_verbose(fmt::format("{} is already installed; leaving it", folder));
            return PreviousInstall::SameOrNewer;
        }
        older.push_back(folder);
    }
    for (const std::string& folder : older) {
        print_verbose(fmt::format("removing the older {}", folder));
        uninstall(layout, root_dir, folder);
    }
    return older.empty() ? PreviousInstall::None : PreviousInstall::Removed;
}

} // namespace cppvenv
