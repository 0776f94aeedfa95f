#pragma once
// Which wheels seed a venv: the user's requests for pip, setuptools and wheel
// against the wheels of the --seed-from folders and the interpreter's bundle.
// Pure: the folders are listed by seed_folders.hpp, the chosen wheels installed
// by install_wheels.hpp.

#include "python/interpreter_facts.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

enum class SeedRequestKind {
    Default, // as the interpreter's ensurepip: the first folder that has it, else the bundle
    Bundle,  // the interpreter's bundled wheel only
    Exact,   // this version, from the first folder that has it, else the bundle
    Newest,  // the newest in every folder and the bundle (--upgrade-deps with --seed-from)
    None,    // not installed
};

struct SeedRequest {
    SeedRequestKind kind = SeedRequestKind::Default;
    std::string version; // for Exact, as the user wrote it
};

// "VERSION", "bundle" or "none" as given to `--pip` and the like; nothing is the
// default. Throws UsageError naming `option` ("--pip") for any other text.
SeedRequest parse_seed_request(std::string_view option, const std::optional<std::string>& text);

// The projects a venv can be seeded with, in the order they are installed.
extern const char* const seed_projects[3]; // "pip", "setuptools", "wheel"

struct SeedRequests {
    SeedRequest pip;
    SeedRequest setuptools;
    SeedRequest wheel;
    const SeedRequest& of(std::string_view project) const;
};

// A wheel found in a --seed-from folder.
struct SeedFolderWheel {
    BundledWheel wheel;         // project normalized: "pip"
    size_t folder = 0;          // index into SeedCandidates::folders
    std::string unusable;       // why it cannot seed this Python ("requires Python >=3.9"), or ""
    std::string build_tag = {}; // of its file name ("1", "2_local"), or ""
};

struct SeedCandidates {
    std::vector<std::string> folders;           // as the user named them, in search order
    std::vector<SeedFolderWheel> folder_wheels; // installable ones, any order
    std::vector<BundledWheel> bundled;          // what the interpreter's ensurepip would install
};

// Whether `project` is seeded by default, as that Python's ensurepip does: pip
// always, setuptools up to 3.11, wheel never.
bool seeded_by_default(std::string_view project, int python_major, int python_minor);

// The wheels to install, in seed_projects' order. As pip chooses: a
// pre-release only when no final release is there to choose (or when asked for
// by its exact version); among equal versions in one folder, the highest build
// tag (compare_build_tags). A default request with no wheel anywhere installs
// nothing (pip_arrival then runs ensurepip for pip).
// Throws Error, one line that lists what was found (and why an unusable one is),
// when an exact version, the bundle or a newest one is asked for and not there.
std::vector<BundledWheel> select_seed_wheels(const SeedRequests& requests,
                                             const SeedCandidates& candidates, int python_major,
                                             int python_minor);

} // namespace cppvenv
