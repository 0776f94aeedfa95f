#pragma once
// Where cppvenv keeps what it may rebuild: interpreter facts and unpacked wheels.

#include <boost/filesystem/path.hpp>

namespace cppvenv {

// The folder below the cache folder that holds interpreter facts.
constexpr const char* facts_folder = "interpreters";

// The folder set by set_cache_directory (CPPVENV_CACHE_DIR or cache-dir in the
// user's config.toml), else $XDG_CACHE_HOME/cppvenv, else ~/.cache/cppvenv.
boost::filesystem::path default_cache_directory();
void set_cache_directory(const boost::filesystem::path& directory); // set once by main()

// Makes `folder` (and its missing parents) when missing; a folder made here is
// writable by this user only, whatever the umask (the wheel cache refuses one
// that others may write). Throws Error when it cannot.
void make_cache_folder(const boost::filesystem::path& folder);

} // namespace cppvenv
