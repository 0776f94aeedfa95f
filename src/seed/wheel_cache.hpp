#pragma once
// The cache of unpacked wheels: each wheel unpacked and checked against its
// RECORD once, then copied, cloned or linked into every venv that installs it.
//
// Layout, below the cache folder (util/cache_directory.hpp):
//   packs/<sha256 of the wheel>/manifest      written last; "end N" closes it
//   packs/<sha256 of the wheel>/pack          every member's bytes (seed/wheel_pack)
//   packs/<sha256 of the wheel>/files/...     the members as files, made when a
//                                             venv first links to or clones them
//   packs/<sha256>/compiled-<tag>/...         the members and one Python's bytecode
//                                             (tag "cpython-3.12"), what symlink
//                                             mode links folders to
//   packs/.tmp-<pid>-<n>/                     an entry or files/ being made (renamed into place)
//   packs/.digests/<digest of the path>       the wheel file's identity and sha256
//   wheels/...                                earlier cppvenvs' entries, left alone
// Everything in an entry is read-only. Trust: the cache folder, packs/ and
// every entry must belong to this user and be writable by nobody else, or the
// cache is not used (a warning says so) and pip is installed straight from the
// wheel.

#include "seed/bytecode_compiling.hpp"
#include "seed/unpacked_wheel.hpp"
#include "seed/wheel_contents.hpp"
#include "seed/wheel_pack.hpp"
#include "util/platform.hpp"
#include "util/tree_writer.hpp"

#include <atomic>
#include <boost/filesystem/path.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// Whether a venv wants the entry's members as files (to hard-link or symlink
// to), or the pack alone (to copy or clone from).
enum class MemberFiles { NotNeeded, Needed };

class WheelCache {
public:
    // Opens (making it when missing) the wheel cache below `root`. When it cannot
    // be trusted or made, usable() is false and `problem()` says why.
    explicit WheelCache(const boost::filesystem::path& root);
    bool usable() const { return entries_ != nullptr; }
    const std::string& problem() const { return problem_; }
    const boost::filesystem::path& root() const { return root_; }
    // Empty, or the folder below a sticky folder others may write (/tmp/NAME)
    // that root() is safe only as long as (util/private_folder.hpp): a venv
    // outside it may not link to root().
    const boost::filesystem::path& lasts_only_with() const { return lasts_only_with_; }

    // The sha256 (hex) of the wheel file, remembered under the file's identity
    // (size, mtime, ctime, inode) so a later create does not read it again.
    std::string wheel_sha256(const boost::filesystem::path& wheel);

    // Keeps an entry just opened and checked for the next find() or entry_for()
    // of the same wheel in this run, which takes it instead of opening it again.
    void keep(UnpackedWheel entry) { kept_.emplace(std::move(entry)); }

    // The checked entry of the wheel whose sha256 is `sha256`, or std::nullopt
    // when it is missing or damaged; writes nothing.
    std::optional<UnpackedWheel> find(const boost::filesystem::path& wheel,
                                      const std::string& sha256, MemberFiles files);
    // The same, unpacked now when missing or damaged (a damaged one is replaced).
    // Safe against other cppvenv processes doing the same: an entry, and its
    // files/, appear whole, by one rename.
    UnpackedWheel entry_for(const boost::filesystem::path& wheel, const std::string& sha256,
                            MemberFiles files);

    // The entry with the members and the bytecode `compiler` makes of them
    // (compiled_tree_name(compiler.tag)), made now when missing or damaged: what
    // symlinked package folders point to. Its locate(), file_path() and
    // tree_path() name that tree. Throws Error when the entry cannot be made
    // or the bytecode not compiled.
    UnpackedWheel compiled_entry(const boost::filesystem::path& wheel, const std::string& sha256,
                                 const BytecodeCompiler& compiler);

    // An entry made from a wheel's members as they pass on their way into a venv
    // (a first create installs straight from the wheel and keeps the bytes): the
    // caller lays the entry out, feeds the bytes of every member RECORD maps, each
    // checked against RECORD (on several threads if it likes), then publishes.
    // Holds the cache's lock until destroyed; one that is not published is
    // discarded. The cache's own problems (a full disk, a name it cannot hold)
    // never throw from here: the entry is then not kept.
    class NewEntry : public MemberSink {
    public:
        ~NewEntry() override;
        // Which members the entry keeps, in its pack's order: every file of
        // `contents` (mapped from `archive`), then the wheel's RECORD. Once,
        // before any bytes.
        void lay_out(const WheelArchive& archive, const WheelContents& contents);
        // Thread-safe; each member's bytes in order, on one thread.
        void write(const ArchiveMember& member, std::uint64_t offset,
                   std::string_view chunk) override;
        // Adds the wheel's RECORD (read from `archive`) and the manifest, and renames
        // the entry into place; false, keeping nothing, when the cache could not
        // keep it (problem() says why).
        bool publish(const WheelArchive& archive);
        std::string problem() const;

    private:
        friend class WheelCache;
        // Nothing is written before begin(), which the cache calls holding its lock
        // (NewEntry's own, or entry_for's: a second flock of the same folder by one
        // process would wait for the first forever).
        NewEntry(WheelCache& cache, const boost::filesystem::path& wheel, std::string sha256);
        void begin();
        void fail(const std::string& problem); // thread-safe: the first problem stays

        WheelCache& cache_;
        boost::filesystem::path wheel_;
        std::string sha256_;
        std::optional<platform::FileIdentity> wheel_identity_;
        platform::DirectoryLock lock_;
        std::string temporary_;
        std::optional<TreeWriter::Output> pack_file_; // opened by begin(), laid out by lay_out()
        std::optional<PackWriter> pack_;
        std::vector<ArchiveMember> members_;   // in the pack's order
        std::vector<std::size_t> position_of_; // by the archive's index: where in members_
        std::vector<std::uint64_t> written_;   // each member's bytes so far, by position
        const ArchiveMember* record_ = nullptr;
        std::atomic<bool> failed_{false};
        mutable std::mutex problem_mutex_;
        std::string problem_;
        bool published_ = false;
    };
    // A new entry for the wheel, holding the cache's lock; nullptr when another
    // process holds the lock (`busy`: it is making an entry; do not wait for it),
    // when the entry is there after all, or when the cache cannot make one.
    std::unique_ptr<NewEntry> start_entry(const boost::filesystem::path& wheel,
                                          const std::string& sha256, bool& busy);

private:
    void unpack(const boost::filesystem::path& wheel, const std::string& sha256);
    void make_member_tree(UnpackedWheel& entry, const std::string& sha256, const std::string& tree,
                          const BytecodeCompiler* compiler);
    void discard(const std::string& name);
    void sweep_leftovers();

    boost::filesystem::path root_;
    boost::filesystem::path lasts_only_with_;
    std::string problem_;
    std::unique_ptr<TreeWriter> entries_; // wheels/
    std::optional<UnpackedWheel> kept_;
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
