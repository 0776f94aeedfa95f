#pragma once
// Installs a bundled wheel into a venv as pip would, with INSTALLER and RECORD.

#include "python/interpreter_facts.hpp"
#include "seed/seed_layout.hpp"

#include <boost/filesystem/path.hpp>
#include <string>
#include <vector>

namespace cppvenv {

class WheelCache;

// What one wheel installed.
struct InstalledWheel {
    std::string dist_info_dir; // relative to the venv root
    size_t file_count = 0;     // rows of the RECORD written, RECORD included
};

// Installs one wheel as pip would: members into the layout's folders (honouring
// .data/), console-script launchers, INSTALLER ("pip"), REQUESTED and a RECORD
// with the sha256 and size of every file. Each member's hash is checked against
// the wheel's RECORD while it is extracted. In place (WriteMode::ReplaceAtomically)
// an installed older version is uninstalled first and a same or newer one is left
// alone (file_count 0), as `ensurepip --upgrade` does; before that uninstall the
// whole wheel is checked against its RECORD, and a wheel that would replace a
// file the older version does not own is refused, so a refused wheel changes
// nothing. Throws Error naming the wheel.
InstalledWheel install_wheel(const boost::filesystem::path& wheel, const SeedLayout& layout);

// The launchers install_wheel would write into the bin folder for `wheel`
// ("pip", "pip3", "pip3.12"), read from its entry_points.txt; writes nothing.
std::vector<std::string> console_script_names(const boost::filesystem::path& wheel,
                                              int python_major, int python_minor);

// The same through `cache`: the wheel whose sha256 (hex) is `sha256` is unpacked
// and checked once into the cache, and its package files are cloned, copied,
// hard-linked or symlinked from there as layout.link_mode says (copied where a
// link cannot be made, e.g. across file systems). Launchers, scripts from
// .data/scripts, INSTALLER, REQUESTED and RECORD hold the venv's own paths and
// are written into the venv.
InstalledWheel install_wheel_through_cache(const boost::filesystem::path& wheel,
                                           const std::string& sha256, const SeedLayout& layout,
                                           WheelCache& cache);

// Each of `wheels`, in order: through the cache of unpacked wheels below
// default_cache_directory() unless layout.wheel_cache is Bypass or the cache
// cannot be trusted (a warning says why), else straight from the wheel.
void install_wheels(const std::vector<BundledWheel>& wheels, const SeedLayout& layout);

} // namespace cppvenv
