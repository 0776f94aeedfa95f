// find_interpreter: the interpreter `create` uses, from -p, .python-version or PATH.
#include "python/discovery.hpp"

#include "python/inspection.hpp"
#include "python/interpreter_listing.hpp"
#include "python/windows_discovery.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/package_version.hpp"

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

namespace {

std::string places_looked(const DiscoveryContext& context) {
    if (context.is_windows()) {
        std::vector<std::string> registered;
        for (const RegisteredPython& python : context.registered) {
            registered.push_back(python.name());
        }
        return fmt::format("looked on PATH, in {}\\versions and among the Pythons registered "
                           "for the py launcher (PEP 514: {})",
                           context.pyenv_root.string(),
                           registered.empty() ? "none"
                                              : fmt::format("{}", fmt::join(registered, ", ")));
    }
    std::vector<std::string> system_dirs;
    for (const fs::path& dir : context.system_dirs) {
        system_dirs.push_back(dir.string());
    }
    return fmt::format("looked on PATH, in {}/versions/*/bin and in {}",
                       context.pyenv_root.string(), fmt::join(system_dirs, ", "));
}

// "; found: CPython 3.12.1 at /usr/bin/python3.12, PyPy 3.9.16 at /usr/bin/pypy3",
// what `python list` would show, for an error saying nothing matched.
std::string interpreters_found(const DiscoveryContext& context, const FactsCache& cache) {
    std::vector<std::string> found;
    for (const ListedInterpreter& listed : found_interpreters(context, cache)) {
        if (listed.facts && listed.problem.empty()) {
            found.push_back(fmt::format(
                "{} {}{} at {}", listed.facts->implementation == "pypy" ? "PyPy" : "CPython",
                listed.facts->version_string(),
                listed.facts->free_threaded ? " (free-threaded)" : "", listed.path.string()));
        }
    }
    if (found.empty()) {
        return "; found no usable interpreter";
    }
    return fmt::format("; found {}", fmt::join(found, ", "));
}

// Interpreters found for a Request: the first that matches, or the newest
// match when PEP 440 specifiers ask for a range.
FoundInterpreter from_request(const PythonSpec& spec, const DiscoveryContext& context,
                              const FactsCache& cache) {
    std::vector<ListedInterpreter> found = found_interpreters(context, cache);
    const ListedInterpreter* best = nullptr;
    for (const ListedInterpreter& listed : found) {
        if (!listed.facts || !listed.problem.empty() || !interpreter_matches(spec, *listed.facts)) {
            continue;
        }
        if (best == nullptr) {
            best = &listed;
            if (spec.specifiers.empty()) {
                break;
            }
        } else if (compare_versions(listed.facts->version_string(), best->facts->version_string()) >
                   0) {
            best = &listed;
        }
    }
    if (best == nullptr) {
        throw Error(fmt::format("no interpreter matches --python '{}': {}{}", spec.text,
                                places_looked(context), interpreters_found(context, cache)));
    }
    return {best->path, *best->facts,
            spec.specifiers.empty() ? "the first match for --python"
                                    : "the newest match for --python"};
}

bool version_matches(const InterpreterFacts& facts, const std::vector<int>& wanted) {
    const int have[] = {facts.major, facts.minor, facts.micro};
    for (size_t i = 0; i < wanted.size() && i < 3; ++i) {
        if (have[i] != wanted[i]) {
            return false;
        }
    }
    return true;
}

FoundInterpreter from_path(const std::string& text, const DiscoveryContext& context,
                           const FactsCache& cache) {
    fs::path path =
        absolute_path(fs::path(text).is_absolute() ? fs::path(text) : context.current_dir / text);
    boost::system::error_code error;
    if (fs::is_directory(path, error)) {
        // A venv or an installation prefix: use its main interpreter.
        const fs::path folder = path;
        for (const std::string& name : context.main_interpreters()) {
            if (is_executable_file(folder / name)) {
                path /= name;
                break;
            }
        }
        if (path == folder) {
            throw Error(fmt::format("no interpreter in the folder {}: looked for {} (a venv or an "
                                    "installation prefix)",
                                    folder.string(), fmt::join(context.main_interpreters(), ", ")));
        }
    }
    const fs::file_status status = fs::status(path, error);
    if (status.type() == fs::file_not_found) {
        throw Error(fmt::format("no interpreter at {}: no such file", path.string()));
    }
    if (error) { // a name too long, a symlink loop, a folder we may not search
        throw Error(
            fmt::format("cannot look up the interpreter {}: {}", path.string(), error.message()));
    }
    if (path.parent_path() == absolute_path(context.pyenv_root / "shims")) {
        // A shim picks its interpreter anew each run; resolve it now so that the
        // venv and the facts cache name a real interpreter.
        DiscoveryContext shims_only = context;
        shims_only.path_dirs = {context.pyenv_root / "shims"};
        shims_only.system_dirs.clear();
        // pyenv-win's shims are python.bat and the like: the name is the stem.
        const fs::path name = context.is_windows() ? path.stem() : path.filename();
        std::vector<fs::path> resolved = command_candidates(name.string(), shims_only);
        if (!resolved.empty()) {
            path = resolved.front();
        }
    }
    return {path, interpreter_facts(path, cache), "the path given to --python"};
}

FoundInterpreter first_command(const std::string& name, const DiscoveryContext& context,
                               const FactsCache& cache, const std::string& reason) {
    std::vector<fs::path> candidates = command_candidates(name, context);
    if (candidates.empty()) {
        throw Error(fmt::format("no interpreter named '{}' found: {}{}", name,
                                places_looked(context), interpreters_found(context, cache)));
    }
    if (!context.is_windows()) {
        return {candidates.front(), interpreter_facts(candidates.front(), cache), reason};
    }
    // The Microsoft Store's python.exe alias on PATH opens the Store instead of
    // running when no Store Python is installed: try the next candidate, and
    // report the first failure when none runs.
    std::exception_ptr first_failure;
    for (const fs::path& candidate : candidates) {
        try {
            return {candidate, interpreter_facts(candidate, cache), reason};
        } catch (const Error&) {
            if (!first_failure) {
                first_failure = std::current_exception();
            }
        }
    }
    std::rethrow_exception(first_failure);
}

std::optional<FoundInterpreter> first_with_version(const std::vector<int>& wanted,
                                                   const DiscoveryContext& context,
                                                   const FactsCache& cache) {
    std::vector<std::string> names;
    if (wanted.size() >= 2) {
        names.push_back(fmt::format("python{}.{}", wanted[0], wanted[1]));
    }
    names.push_back(fmt::format("python{}", wanted[0]));
    if (context.is_windows()) {
        names.push_back("python"); // python.org installs have no python3.exe
    }
    for (const std::string& name : names) {
        for (const fs::path& candidate : command_candidates(name, context)) {
            try {
                InterpreterFacts facts = interpreter_facts(candidate, cache);
                if (version_matches(facts, wanted)) {
                    return FoundInterpreter{candidate, facts, "the first match for the version"};
                }
            } catch (const Error&) {
                // A broken candidate does not stop the search.
            }
        }
    }
    return std::nullopt;
}

// Whether `interpreter`, found for a command name, is what pyenv's shims folder
// on PATH stood for: inside $PYENV_ROOT/versions, its own folder not on PATH.
bool came_through_pyenv_shims(const fs::path& interpreter, const DiscoveryContext& context) {
    const fs::path shims = (context.pyenv_root / "shims").lexically_normal();
    const fs::path folder = interpreter.parent_path().lexically_normal();
    bool shims_on_path = false;
    for (const fs::path& dir : context.path_dirs) {
        const fs::path normal = dir.lexically_normal();
        if (normal == folder) {
            return false;
        }
        shims_on_path = shims_on_path || normal == shims;
    }
    const fs::path versions = (context.pyenv_root / "versions").lexically_normal();
    return shims_on_path && folder.string().rfind(versions.string(), 0) == 0 &&
           !pyenv_selection(context).origin.empty();
}

FoundInterpreter from_spec(const PythonSpec& spec, const DiscoveryContext& context,
                           const FactsCache& cache) {
    switch (spec.kind) {
    case PythonSpecKind::Path:
        return from_path(spec.text, context, cache);
    case PythonSpecKind::CommandName:
        return first_command(spec.text, context, cache, "the command named by --python");
    case PythonSpecKind::Version:
        if (auto found = first_with_version(spec.version, context, cache)) {
            return *found;
        }
        throw Error(fmt::format("no Python {} found: {}{}", spec.text, places_looked(context),
                                interpreters_found(context, cache)));
    case PythonSpecKind::Request:
        return from_request(spec, context, cache);
    }
    throw Error("unknown interpreter spec");
}

std::optional<FoundInterpreter> from_version_file(const VersionFile& file,
                                                  const DiscoveryContext& context,
                                                  const FactsCache& cache) {
    for (const std::string& version : file.versions) {
        std::string reason = fmt::format("{} names {}", file.path.string(), version);
        if (version == "system") {
            FoundInterpreter found =
                first_command(context.default_command(), context, cache, reason);
            return found;
        }
        fs::path pyenv_dir = context.pyenv_root / "versions" / version;
        for (const std::string& name : context.main_interpreters()) {
            if (is_executable_file(pyenv_dir / name)) {
                return FoundInterpreter{pyenv_dir / name,
                                        interpreter_facts(pyenv_dir / name, cache), reason};
            }
        }
        try {
            FoundInterpreter found =
                from_spec(parse_python_spec(version, context.platform), context, cache);
            found.reason = reason;
            return found;
        } catch (const Error&) {
            // pyenv tries the next listed version too.
        }
    }
    return std::nullopt;
}

} // namespace

FoundInterpreter find_interpreter(const std::optional<std::string>& spec,
                                  const DiscoveryContext& context, const FactsCache& cache) {
    if (spec) {
        return from_spec(parse_python_spec(*spec, context.platform), context, cache);
    }
    if (std::optional<VersionFile> file = find_python_version_file(context.current_dir)) {
        if (!file->ignored.empty() && !file->versions.empty()) {
            print_warning(fmt::format("{}: ignored {}: not version names", file->path.string(),
                                      fmt::join(file->ignored, ", ")));
        }
        if (auto found = from_version_file(*file, context, cache)) {
            return *found;
        }
        if (file->versions.empty()) {
            throw Error(fmt::format("{} names no version: ignored {} (a .python-version names "
                                    "versions such as 3.12, never a path)",
                                    file->path.string(), fmt::join(file->ignored, ", ")));
        }
        throw Error(fmt::format(
            "{} names {}, and no such interpreter was found: {}{}", file->path.string(),
            fmt::join(file->versions, ", "), places_looked(context),
            file->ignored.empty()
                ? std::string()
                : fmt::format(" (ignored {}: not version names)", fmt::join(file->ignored, ", "))));
    }
    const std::string name = context.default_command();
    FoundInterpreter found =
        first_command(name, context, cache,
                      context.is_windows() ? "python on PATH, else the newest registered Python"
                                           : "python3 on PATH");
    if (came_through_pyenv_shims(found.path, context)) {
        // What chose this version is pyenv's selection, not PATH's order.
        found.reason =
            fmt::format("{} ({} on PATH is pyenv's shim)", pyenv_selection(context).origin, name);
    }
    return found;
}

} // namespace cppvenv
