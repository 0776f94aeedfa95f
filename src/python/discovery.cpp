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

namespace {

// A run of ASCII digits as a number, saturating instead of overflowing
// ("-p 99999999999" is an unknown version, not a crash).
int digits_to_number(const std::string& digits) {
    long long value = 0;
    for (char digit : digits) {
        value = std::min<long long>(value * 10 + (digit - '0'), std::numeric_limits<int>::max());
    }
    return static_cast<int>(value);
}

// "3", "3.12" or "3.12.1" (ASCII digits, one to three numbers), else nothing.
// By hand rather than with std::regex, whose compilation alone was a third of
// the instructions of a whole `create --without-pip`.
std::optional<std::vector<int>> parse_version_numbers(const std::string& text) {
    std::vector<int> numbers;
    std::string::size_type start = 0;
    for (;;) {
        std::string::size_type end = start;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
            ++end;
        }
        if (end == start || numbers.size() == 3) {
            return std::nullopt;
        }
        numbers.push_back(digits_to_number(text.substr(start, end - start)));
        if (end == text.size()) {
            return numbers;
        }
        if (text[end] != '.') {
            return std::nullopt;
        }
        start = end + 1;
    }
}

} // namespace

PythonSpec parse_python_spec(const std::string& text, DiscoveryPlatform platform) {
    if (text.empty()) {
        throw UsageError("--python needs a value (a path, a command name or a version)");
    }
    PythonSpec spec;
    spec.text = text;
    const bool windows_path =
        platform == DiscoveryPlatform::Windows &&
        (text.find('\\') != std::string::npos || (text.size() >= 2 && text[1] == ':'));
    if (text.find('/') != std::string::npos || windows_path) {
        spec.kind = PythonSpecKind::Path;
    } else if (const std::optional<std::vector<int>> version = parse_version_numbers(text)) {
        spec.kind = PythonSpecKind::Version;
        spec.version = *version;
    } else {
        spec.kind = PythonSpecKind::CommandName;
    }
    return spec;
}

bool is_version_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." &&
           name.find_first_of("/\\:") == std::string::npos && name.find('\0') == std::string::npos;
}

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

bool is_windows(const DiscoveryContext& context) {
    return context.platform == DiscoveryPlatform::Windows;
}

// What `name` may be inside one pyenv (or pyenv-win) version.
std::vector<fs::path> in_pyenv_version(const DiscoveryContext& context, const std::string& version,
                                       const std::string& name) {
    const fs::path folder = context.pyenv_root / "versions" / version;
    if (is_windows(context)) {
        return pyenv_win_executables(folder, version, name);
    }
    return {folder / "bin" / name};
}

// An installation's or a venv's main interpreter, relative to its folder.
std::vector<std::string> main_interpreters(const DiscoveryContext& context) {
    if (is_windows(context)) {
        return {"python.exe", "Scripts/python.exe"};
    }
    return {"bin/python3", "bin/python"};
}

std::string default_command(const DiscoveryContext& context) {
    return is_windows(context) ? "python" : "python3";
}

} // namespace

std::vector<std::string> pyenv_selected_versions(const DiscoveryContext& context) {
    std::vector<std::string> versions;
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
        return versions;
    }
    if (auto file = find_python_version_file(context.current_dir)) {
        return file->versions;
    }
    if (std::optional<std::string> text = read_file(context.pyenv_root / "version")) {
        std::string line = text->substr(0, text->find('\n'));
        line.erase(line.find_last_not_of(" \t\r") + 1);
        if (is_version_name(line)) {
            versions.push_back(line);
        }
    }
    return versions;
}

std::vector<fs::path> command_candidates(const std::string& name, const DiscoveryContext& context) {
    std::vector<fs::path> found;
    const std::string file_name = is_windows(context) ? windows_executable_name(name) : name;
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
    if (is_windows(context)) {
        for (const fs::path& path : registered_for_command(name, context.registered)) {
            add_unique(found, path);
        }
    }
    return found;
}

namespace {

std::string places_looked(const DiscoveryContext& context) {
    if (is_windows(context)) {
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
        for (const std::string& name : main_interpreters(context)) {
            if (is_executable_file(path / name)) {
                path /= name;
                break;
            }
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
        const fs::path name = is_windows(context) ? path.stem() : path.filename();
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
        throw Error(
            fmt::format("no interpreter named '{}' found: {}", name, places_looked(context)));
    }
    if (!is_windows(context)) {
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
    if (is_windows(context)) {
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
        throw Error(fmt::format("no Python {} found: {}", spec.text, places_looked(context)));
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
                first_command(default_command(context), context, cache, reason);
            return found;
        }
        fs::path pyenv_dir = context.pyenv_root / "versions" / version;
        for (const std::string& name : main_interpreters(context)) {
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
    const std::string name = default_command(context);
    return first_command(name, context, cache,
                         is_windows(context) ? "python on PATH, else the newest registered Python"
                                             : "python3 on PATH");
}

} // namespace cppvenv
