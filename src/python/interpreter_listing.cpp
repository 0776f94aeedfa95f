// Lists every interpreter discovery can see (see interpreter_listing.hpp).
#include "python/interpreter_listing.hpp"

#include "python/inspection.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <functional>
#include <optional>
#include <set>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// N when `file_name` is python3.N (python3.N.exe on Windows), N digits only.
std::optional<int> python3_minor_of(const std::string& file_name, bool windows) {
    std::string name = file_name;
    if (windows) {
        if (name.size() < 4 || lowercase(name.substr(name.size() - 4)) != ".exe") {
            return std::nullopt;
        }
        name.resize(name.size() - 4);
    }
    const std::string prefix = "python3.";
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.size() > prefix.size() + 4 ||
        name.find_first_not_of("0123456789", prefix.size()) != std::string::npos) {
        return std::nullopt;
    }
    return std::stoi(name.substr(prefix.size()));
}

// The folders command_candidates searches.
std::vector<fs::path> searched_folders(const DiscoveryContext& context) {
    std::vector<fs::path> folders = context.path_dirs;
    boost::system::error_code error;
    for (fs::directory_iterator it(context.pyenv_root / "versions", error), end;
         !context.pyenv_root.empty() && !error && it != end; it.increment(error)) {
        folders.push_back(it->path() / "bin");
        folders.push_back(it->path());
    }
    folders.insert(folders.end(), context.system_dirs.begin(), context.system_dirs.end());
    return folders;
}

} // namespace

std::vector<std::string> interpreter_command_names(const DiscoveryContext& context) {
    std::set<int, std::greater<int>> minors;
    std::set<int> threaded_minors; // python3.13t: a free-threaded build's name
    for (const fs::path& folder : searched_folders(context)) {
        boost::system::error_code error;
        for (fs::directory_iterator it(folder, error), end; !error && it != end;
             it.increment(error)) {
            std::string name = it->path().filename().string();
            const bool threaded = !name.empty() && name.back() == 't' && !context.is_windows();
            if (threaded) {
                name.pop_back();
            }
            if (std::optional<int> minor = python3_minor_of(name, context.is_windows())) {
                minors.insert(*minor);
                if (threaded) {
                    threaded_minors.insert(*minor);
                }
            }
        }
    }
    std::vector<std::string> names = {"python3"};
    for (int minor : minors) {
        names.push_back(fmt::format("python3.{}", minor));
        if (threaded_minors.count(minor) != 0) {
            names.push_back(fmt::format("python3.{}t", minor));
        }
    }
    for (const char* name : {"python", "pypy3", "pypy"}) {
        names.push_back(name);
    }
    return names;
}

namespace {

bool is_inside(const fs::path& path, const fs::path& dir) {
    const std::string path_text = path.lexically_normal().string();
    const std::string dir_text = dir.lexically_normal().string();
    return !dir_text.empty() && path_text.size() > dir_text.size() &&
           path_text.compare(0, dir_text.size(), dir_text) == 0 &&
           (path_text[dir_text.size()] == '/' ||
            path_text[dir_text.size()] == fs::path::preferred_separator);
}

fs::path real_path_of(const fs::path& path) {
    boost::system::error_code error;
    fs::path real = fs::canonical(path, error);
    return error ? path : real;
}

} // namespace

std::string interpreter_source(const fs::path& candidate, const DiscoveryContext& context) {
    const fs::path dir = candidate.parent_path().lexically_normal();
    const fs::path shims = (context.pyenv_root / "shims").lexically_normal();
    for (const fs::path& path_dir : context.path_dirs) {
        const fs::path normal = absolute_path(path_dir).lexically_normal();
        if (normal == dir) {
            return "PATH";
        }
        if (normal == shims) {
            // A shim on PATH runs one of the versions pyenv selects now.
            for (const std::string& version : pyenv_selected_versions(context)) {
                if (dir == (context.pyenv_root / "versions" / version / "bin").lexically_normal()) {
                    return "PATH";
                }
            }
        }
    }
    if (is_inside(candidate, context.pyenv_root / "versions")) {
        return "pyenv";
    }
    for (const RegisteredPython& python : context.registered) {
        if (python.executable == candidate) {
            return "registry"; // Windows: registered for the py launcher (PEP 514)
        }
    }
    return "system";
}

std::vector<std::string> interpreter_sources(const fs::path& candidate,
                                             const DiscoveryContext& context) {
    std::vector<std::string> sources = {interpreter_source(candidate, context)};
    auto add = [&sources](const char* source) {
        if (std::find(sources.begin(), sources.end(), source) == sources.end()) {
            sources.emplace_back(source);
        }
    };
    if (is_inside(candidate, context.pyenv_root / "versions")) {
        add("pyenv");
    }
    const fs::path dir = candidate.parent_path().lexically_normal();
    for (const fs::path& system_dir : context.system_dirs) {
        if (system_dir.lexically_normal() == dir) {
            add("system");
        }
    }
    return sources;
}

std::vector<ListedInterpreter> found_interpreters(const DiscoveryContext& context,
                                                  const FactsCache& cache) {
    std::vector<ListedInterpreter> found;
    for (const std::string& name : interpreter_command_names(context)) {
        for (const fs::path& candidate : command_candidates(name, context)) {
            const fs::path real = real_path_of(candidate);
            const std::vector<std::string> sources = interpreter_sources(candidate, context);
            auto same = std::find_if(found.begin(), found.end(), [&](const ListedInterpreter& i) {
                return i.real_path == real;
            });
            if (same != found.end()) {
                for (const std::string& source : sources) {
                    if (std::find(same->sources.begin(), same->sources.end(), source) ==
                        same->sources.end()) {
                        same->sources.push_back(source);
                    }
                }
                continue;
            }
            ListedInterpreter listed;
            listed.path = candidate;
            listed.real_path = real;
            listed.sources = sources;
            try {
                listed.facts = interpreter_facts(candidate, cache);
                require_supported_interpreter(*listed.facts, candidate);
            } catch (const Error& error) {
                listed.problem = error.what();
            }
            found.push_back(std::move(listed));
        }
    }
    return found;
}

InterpreterListing list_interpreters(const DiscoveryContext& context, const FactsCache& cache) {
    InterpreterListing listing;
    std::vector<ListedInterpreter>& found = listing.interpreters;
    found = found_interpreters(context, cache);
    try {
        FoundInterpreter chosen = find_interpreter(std::nullopt, context, cache);
        const fs::path real = real_path_of(chosen.path);
        listing.selected_reason = chosen.reason;
        auto same = std::find_if(found.begin(), found.end(),
                                 [&](const ListedInterpreter& i) { return i.real_path == real; });
        if (same == found.end()) {
            ListedInterpreter listed;
            listed.path = chosen.path;
            listed.real_path = real;
            listed.sources = interpreter_sources(chosen.path, context);
            listed.facts = chosen.facts;
            found.push_back(std::move(listed));
            same = found.end() - 1;
        }
        same->path = chosen.path; // the name create would link the venv to
        same->selected = true;
    } catch (const Error& error) {
        listing.selected_reason = error.what();
    }
    return listing;
}

} // namespace cppvenv
