#pragma once
// CreateOptions: what the command line asked create to do.

#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

enum class LinkMode { Symlinks, Copies };

enum class ExistingDirectory {
    Refuse, // a non-empty directory without pyvenv.cfg is an error
    Allow,  // --allow-existing: write into it
};

// What the user asked `create` for; filled by cli/, read by the core.
struct CreateOptions {
    std::vector<std::string> env_dirs;
    std::optional<std::string> python_spec; // -p/--python
    bool system_site_packages = false;
#ifdef _WIN32
    LinkMode link_mode = LinkMode::Copies; // venv's default on Windows
#else
    LinkMode link_mode = LinkMode::Symlinks;
#endif
    bool clear = false;
    bool upgrade = false;
    bool with_pip = true;
    std::optional<std::string> prompt; // as given; "." is resolved by the core
    bool upgrade_deps = false;
    bool compile_bytecode = false; // .pyc files for the seeded packages
    bool scm_ignore_files = true;
    bool relocatable = false; // --relocatable: scripts find the venv from where they are
    bool dry_run = false;
    ExistingDirectory existing = ExistingDirectory::Refuse;
    int verbosity = 0; // -1 quiet, 0 normal, 1+ verbose
};

} // namespace cppvenv
