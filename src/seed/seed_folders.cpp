// The wheels in --seed-from folders (see seed_folders.hpp).
#include "seed/seed_folders.hpp"

#include "seed/requires_python.hpp"
#include "seed/wheel_archive.hpp"
#include "seed/wheel_contents.hpp"
#include "seed/wheel_filename.hpp"
#include "seed/wheel_metadata.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/package_version.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <set>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

bool is_seed_project(const std::string& project) {
    return std::any_of(std::begin(seed_projects), std::end(seed_projects),
                       [&](const char* name) { return project == name; });
}

bool is_inside(const fs::path& path, const fs::path& folder) {
    auto part = path.begin();
    for (auto folder_part = folder.begin(); folder_part != folder.end(); ++folder_part, ++part) {
        if (part == path.end() || *part != *folder_part) {
            return false;
        }
    }
    return true;
}

// The file a folder entry stands for: itself when it is a regular file, the
// real file when it is a symlink to a regular file inside the folder; else
// nothing (and why, for -v).
std::optional<fs::path> wheel_file(const fs::path& entry, const fs::path& real_folder,
                                   std::string& why_not) {
    boost::system::error_code error;
    const fs::file_status status = fs::symlink_status(entry, error);
    if (fs::is_regular_file(status)) {
        return entry;
    }
    if (!fs::is_symlink(status)) {
        why_not = "not a regular file";
        return std::nullopt;
    }
    const fs::path target = fs::canonical(entry, error);
    if (error || !is_inside(target, real_folder)) {
        why_not = "a symlink that leads out of the folder";
        return std::nullopt;
    }
    if (!fs::is_regular_file(target, error)) {
        why_not = "a symlink to something that is not a regular file";
        return std::nullopt;
    }
    return target;
}

// Why `wheel` cannot seed the interpreter `facts` describes, or "": its
// METADATA's Requires-Python excludes that version (an invalid one is ignored,
// as pip ignores it), or it is no readable wheel.
std::string why_unusable(const fs::path& wheel, const InterpreterFacts& facts) {
    std::optional<std::string> requires_python;
    try {
        const WheelArchive archive(wheel);
        const ArchiveMember* metadata = archive.find(find_dist_info_dir(archive) + "/METADATA");
        if (metadata == nullptr) {
            return "no METADATA";
        }
        requires_python = metadata_header(archive.read_all(*metadata), "Requires-Python");
    } catch (const Error&) {
        return "not a readable wheel";
    }
    if (requires_python &&
        python_satisfies(*requires_python, facts.version_string()) == std::optional<bool>(false)) {
        return "requires Python " + *requires_python;
    }
    return "";
}

void list_folder(const std::string& folder, size_t index, const InterpreterFacts& facts,
                 std::vector<SeedFolderWheel>& found) {
    const fs::path path = absolute_path(folder);
    boost::system::error_code error;
    if (!fs::is_directory(path, error)) {
        throw Error(fmt::format("--seed-from {}: {}", folder,
                                fs::exists(path, error) ? "not a folder" : "no such folder"));
    }
    const fs::path real_folder = fs::canonical(path, error);
    std::set<std::string> names; // sorted: the same choice whatever the directory order
    fs::directory_iterator entries(path, error);
    for (; !error && entries != fs::directory_iterator(); entries.increment(error)) {
        names.insert(entries->path().filename().string());
    }
    if (error) {
        throw Error(fmt::format("--seed-from {}: cannot list it: {}", folder, error.message()));
    }
    for (const std::string& name : names) {
        if (name.size() < 4 || name.compare(name.size() - 4, 4, ".whl") != 0) {
            continue;
        }
        const std::optional<WheelFilename> parsed = parse_wheel_filename(name);
        if (!parsed) {
            print_verbose(fmt::format("--seed-from {}: passing over {}: not a wheel's file name",
                                      folder, visible(name)));
            continue;
        }
        const std::string project = normalized_project_name(parsed->distribution);
        if (!is_seed_project(project)) {
            continue;
        }
        if (!is_pure_python_wheel_for(*parsed, facts.implementation, facts.major, facts.minor)) {
            print_verbose(fmt::format("--seed-from {}: passing over {}: not for {} {}", folder,
                                      name, facts.implementation, facts.short_version()));
            continue;
        }
        std::string why_not;
        const std::optional<fs::path> file = wheel_file(path / name, real_folder, why_not);
        if (!file) {
            print_verbose(
                fmt::format("--seed-from {}: passing over {}: {}", folder, name, why_not));
            continue;
        }
        std::string unusable = why_unusable(*file, facts);
        if (!unusable.empty()) {
            print_verbose(fmt::format("--seed-from {}: cannot seed Python {} with {}: {}", folder,
                                      facts.version_string(), name, unusable));
        }
        found.push_back({{project, parsed->version, file->string()},
                         index,
                         std::move(unusable),
                         parsed->build_tag});
    }
}

} // namespace

std::vector<SeedFolderWheel> find_seed_folder_wheels(const std::vector<std::string>& folders,
                                                     const InterpreterFacts& facts) {
    std::vector<SeedFolderWheel> found;
    for (size_t index = 0; index < folders.size(); ++index) {
        list_folder(folders[index], index, facts, found);
    }
    return found;
}

void check_seed_wheel_identity(const BundledWheel& wheel) {
    const fs::path path(wheel.path);
    const std::optional<WheelFilename> name = parse_wheel_filename(path.filename().string());
    const WheelArchive archive(path);
    const std::string dist_info_dir = find_dist_info_dir(archive);
    if (!name || !dist_info_matches(dist_info_dir, *name)) {
        throw Error(fmt::format("{}: refusing a wheel that does not install {} {} as its name "
                                "says (it holds {})",
                                wheel.path, wheel.project, wheel.version, dist_info_dir));
    }
    // What pip and importlib.metadata read is METADATA: pip refuses a wheel
    // whose Name or Version there is not its file name's ("inconsistent").
    const ArchiveMember* metadata_member = archive.find(dist_info_dir + "/METADATA");
    const std::string metadata =
        metadata_member == nullptr ? std::string() : archive.read_all(*metadata_member);
    const std::optional<std::string> metadata_name = metadata_header(metadata, "Name");
    const std::optional<std::string> metadata_version = metadata_header(metadata, "Version");
    const std::optional<PackageVersion> inside =
        metadata_version ? parse_package_version(*metadata_version) : std::nullopt;
    const std::optional<PackageVersion> outside = parse_package_version(name->version);
    if (!metadata_name || normalized_project_name(*metadata_name) != wheel.project || !inside ||
        !outside || compare_package_versions(*inside, *outside) != 0) {
        throw Error(fmt::format("{}: refusing a wheel whose METADATA does not say {} {} as its "
                                "name does (it says Name: {}, Version: {})",
                                wheel.path, wheel.project, wheel.version,
                                visible(metadata_name.value_or("(none)")),
                                visible(metadata_version.value_or("(none)"))));
    }
}

} // namespace cppvenv
