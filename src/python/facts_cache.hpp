#pragma once
// The on-disk cache of InterpreterFacts, keyed by the executable's identity.

#include "python/interpreter_facts.hpp"
#include "util/cache_directory.hpp"
#include "util/tree_writer.hpp"

#include <boost/filesystem/path.hpp>
#include <cstdint>
#include <memory>
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

// One JSON file per interpreter path under DIR/interpreters/. The facts decide
// what a create runs and installs (the interpreter, ensurepip's wheels), so the
// folder is used only when no other user can change it or the way to it
// (util/private_folder.hpp); otherwise nothing is read or written there and
// every interpreter is asked again (-v says why).
class FactsCache {
public:
    explicit FactsCache(boost::filesystem::path directory);
    ~FactsCache();
    FactsCache(FactsCache&&) noexcept;
    FactsCache(const FactsCache&) = delete;
    FactsCache& operator=(const FactsCache&) = delete;

    // The cached facts, or std::nullopt when absent, stale or unreadable.
    std::optional<InterpreterFacts> load(const FactsCacheKey& key) const;
    // Writes atomically; a cache that cannot be written is not an error.
    void store(const FactsCacheKey& key, const InterpreterFacts& facts) const;
    boost::filesystem::path entry_path(const FactsCacheKey& key) const;

private:
    // The writer below the cache folder, opened (and the folder made) on first
    // use; nullptr when it cannot be trusted.
    TreeWriter* folder() const;

    boost::filesystem::path directory_;
    mutable std::unique_ptr<TreeWriter> folder_;
    mutable bool opened_ = false;
};

// A stable 64-bit FNV-1a digest, as 16 hex digits (names cache files).
std::string stable_digest(std::string_view data);

} // namespace cppvenv
