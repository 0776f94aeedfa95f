#pragma once
// Discovery: what -p names, where commands are found, which interpreter create uses.

#include "python/facts_cache.hpp"
#include "python/interpreter_facts.hpp"
#include "python/windows_registry.hpp"
#include "util/host_platform.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

enum class PythonSpecKind {
    Path,        // contains a '/' (on Windows also '\' or "C:"): a file or an installation
    CommandName, // "python3.12", "pypy3": looked up like a shell would, then further
    Version,     // "3", "3.12", "3.12.1"
};

struct PythonSpec {
    PythonSpecKind kind = PythonSpecKind::CommandName;
    std::string text;
    std::vector<int> version; // for Version: 1 to 3 numbers
};

// Throws UsageError for an empty spec.
PythonSpec parse_python_spec(const std::string& text, Platform platform = host_platform());

// Where discovery looks; from_environment() reads PATH, PYENV_ROOT, PYENV_VERSION
// and the current folder, and on Windows the registry. Tests build their own.
//
// On Windows: PATH is split on ';'; a command name means <name>.exe; pyenv_root
// is pyenv-win's (%PYENV_ROOT%, else %USERPROFILE%\.pyenv\pyenv-win), whose
// versions hold python.exe with no bin\; there are no system folders, and the
// Pythons registered as PEP 514 says (what the `py` launcher lists) come last.
struct DiscoveryContext {
    // Which system's rules discovery follows; tests run the Windows rules on Linux.
    Platform platform = host_platform();
    std::vector<boost::filesystem::path> path_dirs;
    boost::filesystem::path pyenv_root;
    std::optional<std::string> pyenv_version; // $PYENV_VERSION
    boost::filesystem::path current_dir;
    std::vector<boost::filesystem::path> system_dirs;
    std::vector<RegisteredPython> registered; // Windows only; preferred first

    static DiscoveryContext from_environment();

    bool is_windows() const { return platform == Platform::Windows; }
    // An installation's or a venv's main interpreter, relative to its folder.
    std::vector<std::string> main_interpreters() const;
    // What no -p means: python3 (python on Windows, where python.org installs
    // have no python3.exe).
    std::string default_command() const;
};

// The first `.python-version` in `start` or one of its parents.
struct VersionFile {
    boost::filesystem::path path;
    std::vector<std::string> versions; // the lines that name a version
    std::vector<std::string> ignored;  // "line N: TEXT" for lines that name a path
};

// Whether `name` may name a version in .python-version, PYENV_VERSION or
// $PYENV_ROOT/version: a plain name ("3.12", "pypy3.10-7.3.17", "system"),
// never a path (no '/', '\\', ':', and not "." or ".."), as pyenv 2.6 checks it.
bool is_version_name(const std::string& name);
std::optional<VersionFile> find_python_version_file(const boost::filesystem::path& start);

// The versions pyenv's shims would dispatch to now, most important first:
// $PYENV_VERSION, else the nearest .python-version, else $PYENV_ROOT/version.
std::vector<std::string> pyenv_selected_versions(const DiscoveryContext& context);

// Executable files named `name`, in search order: each PATH folder (pyenv's
// shims folder is resolved the way pyenv would, instead of running the shim),
// then pyenv's versions (newest first), then the system folders, then (Windows)
// the registered Pythons whose version a python[X[.Y]] name asks for. Duplicates dropped.
std::vector<boost::filesystem::path> command_candidates(const std::string& name,
                                                        const DiscoveryContext& context);

struct FoundInterpreter {
    boost::filesystem::path path; // absolute; what the venv will link to
    InterpreterFacts facts;
    std::string reason; // why this one, for -v and `python list`
};

// The interpreter `create` uses for `spec` (nothing: .python-version, else
// python3; on Windows python, as python.org installs have no python3.exe).
// Throws Error naming every place it looked when nothing matches.
FoundInterpreter find_interpreter(const std::optional<std::string>& spec,
                                  const DiscoveryContext& context, const FactsCache& cache);

} // namespace cppvenv
