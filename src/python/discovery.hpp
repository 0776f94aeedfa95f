#pragma once
// Discovery: what -p names, where commands are found, which interpreter create uses.

#include "python/facts_cache.hpp"
#include "python/interpreter_facts.hpp"
#include "python/windows_registry.hpp"
#include "util/host_platform.hpp"
#include "util/version_specifier.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

enum class PythonSpecKind {
    Path,        // contains a '/' (on Windows also '\\' or "C:"): a file or an installation
    CommandName, // "python3.12", "pypy3.9-venv": looked up like a shell would, then further
    Version,     // "3", "3.12", "3.12.1"
    Request,     // what uv and virtualenv take: "cpython3.12", "pypy", "3.13t",
                 // "python3.13t", ">=3.9,<3.12" (PEP 440), "pypy@3.9"
};

struct PythonSpec {
    PythonSpecKind kind = PythonSpecKind::CommandName;
    std::string text;
    std::vector<int> version; // for Version and Request: 0 to 3 numbers
    // Request only:
    std::string implementation;               // "cpython", "pypy", or "" for any
    bool free_threaded = false;               // "3.13t": only a free-threaded build
    std::vector<VersionSpecifier> specifiers; // PEP 440: the newest match wins
};

// Throws UsageError for an empty spec or a malformed PEP 440 specifier.
PythonSpec parse_python_spec(const std::string& text, Platform platform = host_platform());

// Whether an interpreter is what a Version or Request spec asks for.
bool interpreter_matches(const PythonSpec& spec, const InterpreterFacts& facts);

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

// Those versions and what selected them: "PYENV_VERSION=3.12.1", or the path
// of the .python-version or $PYENV_ROOT/version file (empty: nothing did).
struct PyenvSelection {
    std::vector<std::string> versions;
    std::string origin;
};
PyenvSelection pyenv_selection(const DiscoveryContext& context);

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
