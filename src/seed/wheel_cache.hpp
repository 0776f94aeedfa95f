#pragma once
// The cache of unpacked wheels: each wheel unpacked and checked against its
// RECORD once, then linked or copied into every venv that installs it.
//
// Layout, below the cache folder (util/cache_directory.hpp):
//   wheels/<sha256 of the wheel>/manifest     written last; "end N" closes it
//   wheels/<sha256 of the wheel>/files/...    the members, read-only
//   wheels/.tmp-<pid>-<n>/                    an entry being made (renamed into place)
//   wheels/.digests/<digest of the path>      the wheel file's identity and sha256
// Trust: the cache folder, wheels/ and every entry must belong to this user and
// be writable by nobody else, or the cache is not used (a warning says so) and
// pip is installed straight from the wheel.

#include "seed/unpacked_wheel.hpp"
#include "util/tree_writer.hpp"

#include <boost/filesystem/path.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

class WheelCache {
public:
    // Opens (making it when missing) the wheel cache below `root`. When it cannot
    // be trusted or made, usable() is false and `problem()` says why.
    explicit WheelCache(boost::filesystem::path root);

    bool usable() const { return entries_ != nullptr; }
    const std::string& problem() const { return problem_; }
    const boost::filesystem::path& root() const { return root_; }

    // The sha256 (hex) of the wheel file, remembered under the file's identity
    // (size, mtime, ctime, inode) so a later create does not read it again.
    std::string wheel_sha256(const boost::filesystem::path& wheel);

    // The checked entry of the wheel whose sha256 is `sha256`, unpacked now when
    // missing or damaged (a damaged one is replaced). Safe against other cppvenv
    // processes doing the same: an entry appears whole, by one rename.
    UnpackedWheel entry_for(const boost::filesystem::path& wheel, const std::string& sha256);

private:
    void unpack(const boost::filesystem::path& wheel, const std::string& sha256);
    void discard(const std::string& name);
    void sweep_leftovers();

    boost::filesystem::path root_;
    std::string problem_;
    std::unique_ptr<TreeWriter> entries_; // wheels/
};

// What `cppvenv cache info` shows.
struct WheelCacheSummary {
    boost::filesystem::path root;
    bool exists = false;
    std::size_t wheel_entries = 0;
    std::size_t other_entries = 0; // leftovers of killed runs, digests, interpreter facts
    std::uintmax_t bytes = 0;      // on disk, every file below the root counted once
};
WheelCacheSummary summarize_cache(const boost::filesystem::path& root);

// Deletes what cppvenv keeps below `root` (wheels/ and interpreters/) and
// nothing else; refuses a root that is a symlink or another user's. Returns
// the number of entries removed.
std::size_t clean_cache(const boost::filesystem::path& root);

} // namespace cppvenv
