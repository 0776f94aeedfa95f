// Where a command may be: PATH, pyenv's versions and .python-version, system folders.
#include "python/discovery.hpp"
#include "python/inspection.hpp"
#include "python/pyenv_versions.hpp"
#include "python/windows_discovery.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <exception>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <optional>

namespace cppvenv {
namespace fs = boost::filesystem;

std::optional<VersionFile> find_python_version_file(const fs::path& start) {
    for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
        fs::path candidate = dir / ".python-version";
        if (std::optional<std::string> text = read_file(candidate)) {
            VersionFile file{candidate, {}, {}};
            std::string::size_type begin = 0;
            int line_number = 0;
            while (begin < text->size()) {
                ++line_number;
                std::string::size_type end = text->find('\n', begin);
                if (end == std::string::npos) {
                    end = text->size();
                }
                std::string line = text->substr(begin, end - begin);
                line.erase(0, line.find_first_not_of(" \t\r"));
                line.erase(line.find_last_not_of(" \t\r") + 1);
                if (!line.empty() && line[0] != '#') {
                    if (is_version_name(line)) {
                        file.versions.push_back(line);
                    } else {
                        // A path would run whatever the repository put there.
                        file.ignored.push_back(fmt::format("line {}: '{}'", line_number, line));
                    }
                }
                begin = end + 1;
            }
            if (!file.versions.empty() || !file.ignored.empty()) {
                return file;
            }
        }
        if (dir == dir.root_path()) {
            break;
        }
    }
    return std::nullopt;
}

namespace {

void add_unique(std::vector<fs::path>& paths, const fs::path& candidate) {
    if (is_executable_file(candidate) &&
        std::find(paths.begin(), paths.end(), candidate) == paths.end()) {
        paths.push_back(candidate);
    }
}

// What `name` may be inside one pyenv (or pyenv-win) version.
std::vector<fs::path> in_pyenv_version(const DiscoveryContext& context, const std::string& version,
                                       const std::string& name) {
    const fs::path folder = context.pyenv_root / "versions" / version;
    if (context.is_windows()) {
        return pyenv_win_executables(folder, version, name);
    }
    return {folder / "bin" / name};
}

} // namespace

namespace {
std::string join_versions(const std::vector<std::string>& versions) {
    std::string joined;
    for (const std::string& version : versions) {
        joined += (joined.empty() ? "" : ", ") + version;
    }
    return joined;
}
} // namespace

PyenvSelection pyenv_selection(const DiscoveryContext& context) {
    PyenvSelection selection;
    std::vector<std::string>& versions = selection.versions;
    if (context.pyenv_version && !context.pyenv_version->empty()) {
        // PYENV_VERSION may list several versions separated by ':'.
        const std::string& list = *context.pyenv_version;
        std::string::size_type start = 0;
        while (start <= list.size()) {
            std::string::size_type end = list.find(':', start);
            if (end == std::string::npos) {
                end = list.size();
            }
            const std::string name = list.substr(start, end - start);
            if (is_version_name(name)) {
                versions.push_back(name);
            }
            start = end + 1;
        }
        selection.origin = "PYENV_VERSION=" + list;
        return selection;
    }
    if (auto file = find_python_version_file(context.current_dir)) {
        selection.versions = file->versions;
        selection.origin = file->path.string() + " names " + join_versions(file->versions);
        return selection;
    }
    if (std::optional<std::string> text = read_file(context.pyenv_root / "version")) {
        std::string line = text->substr(0, text->find('\n'));
        line.erase(line.find_last_not_of(" \t\r") + 1);
        if (is_version_name(line)) {
            versions.push_back(line);
            selection.origin = (context.pyenv_root / "version").string() + " names " + line;
        }
    }
    return selection;
}

std::vector<std::string> pyenv_selected_versions(const DiscoveryContext& context) {
    return pyenv_selection(context).versions;
}

std::vector<fs::path> command_candidates(const std::string& name, const DiscoveryContext& context) {
    std::vector<fs::path> found;
    const std::string file_name = context.is_windows() ? windows_executable_name(name) : name;
    const fs::path shims = context.pyenv_root / "shims";
    for (const fs::path& dir : context.path_dirs) {
        if (dir.lexically_normal() == shims.lexically_normal()) {
            for (const std::string& version : pyenv_selected_versions(context)) {
                if (version != "system") {
                    for (const fs::path& path : in_pyenv_version(context, version, name)) {
                        add_unique(found, path);
                    }
                }
            }
            continue;
        }
        add_unique(found, absolute_path(dir / file_name));
    }
    for (const std::string& version : pyenv_versions_newest_first(context.pyenv_root)) {
        for (const fs::path& path : in_pyenv_version(context, version, name)) {
            add_unique(found, path);
        }
    }
    for (const fs::path& dir : context.system_dirs) {
        add_unique(found, dir / file_name);
    }
    if (context.is_windows()) {
        for (const fs::path& path : registered_for_command(name, context.registered)) {
            add_unique(found, path);
        }
    }
    return found;
}
} // namespace cppvenv
