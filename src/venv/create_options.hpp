#pragma once
// CreateOptions: what the command line asked create to do.

#include "seed/seed_layout.hpp"
#include "util/host_platform.hpp"

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
    // venv's default: symlinks on POSIX, copies on Windows.
    LinkMode link_mode =
        host_platform() == Platform::Windows ? LinkMode::Copies : LinkMode::Symlinks;
    bool clear = false;
    bool upgrade = false;
    bool with_pip = true;
    std::optional<std::string> prompt; // as given; "." is resolved by the core
    bool upgrade_deps = false;
    // Seeding (seed/seed_selection.hpp): folders of wheels searched before the
    // interpreter's bundled ones, in order; and "VERSION", "bundle" or "none"
    // for each project, nothing meaning what the interpreter's ensurepip does.
    std::vector<std::string> seed_from;
    std::optional<std::string> seed_pip;
    std::optional<std::string> seed_setuptools;
    std::optional<std::string> seed_wheel;
    // virtualenv's names of the activation scripts to write (--activators);
    // nothing: every script for the platform.
    std::optional<std::vector<std::string>> activators;
    bool compile_bytecode = false; // .pyc files for the seeded packages
    bool scm_ignore_files = true;
    bool relocatable = false; // --relocatable: scripts find the venv from where they are
    bool dry_run = false;
    ExistingDirectory existing = ExistingDirectory::Refuse;
    // How pip's files come from the cache of unpacked wheels (--link-mode), and
    // whether they do at all (--no-cache).
    PackageLinkMode package_link_mode = PackageLinkMode::Clone;
    WheelCacheUse wheel_cache = WheelCacheUse::Use;
    int verbosity = 0; // -1 quiet, 0 normal, 1+ verbose
};

} // namespace cppvenv
