#pragma once
// What the wheel cache's files share (seed/wheel_cache*.cpp): the names of its
// folders and leftovers, and the walks that make an entry read-only and, before
// it is deleted, writable again.

#include "util/cache_directory.hpp"
#include "util/platform.hpp"
#include "util/private_folder.hpp"
#include "util/tree_writer.hpp"

#include <optional>
#include <string>

namespace cppvenv::wheel_cache_folders {

// The entries of this cppvenv (manifest format 2: packs). Those of earlier ones
// (format 1, in "wheels") are left alone, so venvs that link to them keep
// working, until `cppvenv cache clean`.
constexpr const char* wheels_folder = "packs";
constexpr const char* earlier_wheels_folder = "wheels";
constexpr const char* interpreters_folder = facts_folder; // the facts cache's
constexpr const char* digests_folder = ".digests";
constexpr const char* temporary_prefix = ".tmp-";
constexpr const char* damaged_prefix = ".damaged-";

// "<prefix><pid>-<n>": a name no other process or call makes.
std::string unique_name(const char* prefix);
bool starts_with(const std::string& text, const char* prefix);
bool is_sha256_hex(const std::string& name);
// A file written 0444 or 0555, less what the umask takes away: writable by nobody.
inline bool is_read_only(unsigned mode) {
    return (mode & 0222) == 0;
}
// Folders left read-only (0555) are made writable again so they can be emptied.
void make_tree_writable(TreeWriter& writer, const std::string& relative);
void make_tree_read_only(TreeWriter& writer, const std::string& relative);

} // namespace cppvenv::wheel_cache_folders
