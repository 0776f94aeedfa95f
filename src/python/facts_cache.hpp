#pragma once
// The on-disk cache of InterpreterFacts, keyed by the executable's identity.

#include "python/interpreter_facts.hpp"
#include "util/cache_directory.hpp"

#include <boost/filesystem/path.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace cppvenv {

// What identifies one build of an interpreter: if any of it changes (an upgrade
// in place, a different file at the same path, a new cppvenv with a new
// inspection script), the cached facts no longer hold.
struct FactsCacheKey {
    std::string path;      // the path as it will be run (absolute)
    std::string real_path; // with every symlink resolved
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uintmax_t inode = 0;
    std::string script_digest; // of the inspection script that produced the facts

    bool operator==(const FactsCacheKey& other) const;
};

// The key for the interpreter at `path`; std::nullopt when it cannot be read.
std::optional<FactsCacheKey> facts_cache_key(const boost::filesystem::path& path,
                                             const std::string& script_digest);

// One JSON file per interpreter path under DIR/interpreters/.
class FactsCache {
public:
    explicit FactsCache(boost::filesystem::path directory) : directory_(std::move(directory)) {}

    // The cached facts, or std::nullopt when absent, stale or unreadable.
    std::optional<InterpreterFacts> load(const FactsCacheKey& key) const;
    // Writes atomically; a cache that cannot be written is not an error.
    void store(const FactsCacheKey& key, const InterpreterFacts& facts) const;
    boost::filesystem::path entry_path(const FactsCacheKey& key) const;

private:
    boost::filesystem::path directory_;
};

// A stable 64-bit FNV-1a digest, as 16 hex digits (names cache files).
std::string stable_digest(std::string_view data);

} // namespace cppvenv
