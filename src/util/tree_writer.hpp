#pragma once
// The one writer of files, folders and links below a root folder. Every path
// is '/'-separated below the root and walked one folder at a time from the
// root's descriptor, never following a symlink (O_NOFOLLOW on every part), so
// a link planted in an existing tree can never redirect a write or a delete
// outside it.

#include "util/platform.hpp"

#include <boost/filesystem/path.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// Part of an open file that Output::fill_from puts into a new one: `length`
// bytes at `offset`. A clone takes `clone_length` bytes (`length` rounded up to
// a whole block, or to the end of the file), then the new file is cut to `length`.
struct FileRange {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    std::uint64_t clone_length = 0;
};

// What the file systems have allowed so far, for a run of Output::fill_from calls
// between the same two: after a refused clone or kernel copy, it is not tried again.
struct CopyState {
    bool clone = true; // share the blocks (a reflink) where the file system can
    platform::CopyWay way = platform::CopyWay::FileRange; // in the kernel first
};

enum class Existing {
    Refuse,  // the name must be new (a staging folder holds only what we made)
    Replace, // write under a temporary name, then rename over what is there
};

class TreeWriter {
public:
    // Opens `root`, which must be a folder; `root` itself may be reached
    // through symlinks (the user named it), nothing below it is.
    explicit TreeWriter(boost::filesystem::path root);
    // A writer below the very folder `other` writes into (its descriptor
    // duplicated, not its path opened again), with folders of its own: one for
    // another thread.
    struct SameRootAs {
        const TreeWriter& other;
    };
    explicit TreeWriter(SameRootAs same);
    // A writer below the folder already open as `directory` (a descriptor from
    // platform::open_directory, which the writer then owns): one the caller has
    // checked is the folder it inspected, so `root` is never opened again by
    // path. `root` is what errors name.
    struct OpenRoot {
        int directory;
        boost::filesystem::path root;
    };
    explicit TreeWriter(OpenRoot open);
    TreeWriter(const TreeWriter&) = delete;
    TreeWriter& operator=(const TreeWriter&) = delete;
    ~TreeWriter();

    // A file being written; commit() makes it visible under its name. One that
    // is never committed is removed.
    class Output {
    public:
        Output(Output&& other) noexcept;
        Output(const Output&) = delete;
        Output& operator=(const Output&) = delete;
        Output& operator=(Output&&) = delete;
        ~Output();
        void write(std::string_view data);
        // Writes `data` at `offset`, past the end too (what lies between reads as
        // zeros): several threads may write their own ranges of one output.
        void write_at(std::uint64_t offset, std::string_view data) const;
        // Cuts or extends the file to `size` bytes.
        void set_size(std::uint64_t size);
        // Puts `range` of the open file `source` into this new, empty one; true when
        // its blocks are shared (a clone), false when copied. A refused clone turns
        // `state.clone` off; a short `source` throws Error.
        bool fill_from(int source, const FileRange& range, CopyState& state);
        // Makes this new, empty file share every block of the open file `source`;
        // false, writing nothing, where the file system cannot.
        bool clone_from(int source);
        void commit();

    private:
        friend class TreeWriter;
        Output() = default;
        // What errors name: made only for one (a path per file cost more than
        // the file's own system calls).
        boost::filesystem::path shown_path() const;

        const TreeWriter* writer_ = nullptr;
        int folder_ = -1;
        int fd_ = -1;
        std::string relative_;  // the path below the writer's root
        std::string name_;      // the final name in its folder
        std::string temporary_; // the name being written, when not name_ (in place)
        const std::string& written_name() const { return temporary_.empty() ? name_ : temporary_; }
    };

    // Parent folders are made as needed (a symlink or file in their place is
    // an error). `mode` is filtered by the umask.
    Output open_file(const std::string& relative, unsigned mode, Existing existing);
    void write_file(const std::string& relative, std::string_view contents, unsigned mode,
                    Existing existing);
    void make_symlink(const std::string& relative, const std::string& link_target,
                      Existing existing);
    // As make_symlink, but returns false, writing nothing, when the system does not
    // let this user make symlinks (EPERM: Windows without the privilege).
    bool make_symlink_if_permitted(const std::string& relative, const std::string& link_target,
                                   Existing existing);
    void make_folders(const std::string& relative);
    // A hard link at `relative` to `source_name` in the open folder `source_folder`.
    // False, writing nothing, where a link cannot be made here (another file
    // system: EXDEV; the link limit; a system without hard links): then copy.
    bool link_file(const std::string& relative, int source_folder, const std::string& source_name,
                   Existing existing);
    // Permission bits of a folder below the root (read-only cache entries).
    void set_folder_mode(const std::string& relative, unsigned mode);
    // The descriptor of a folder below the root, opened without following a
    // symlink and kept by the writer; -1 when it is missing or not a real folder.
    int open_folder(std::string_view relative) { return folder(relative, false); }

    // Each returns false, touching nothing, when the entry is missing or a
    // folder on the way is not a real folder below the root.
    bool remove_file(const std::string& relative); // a file or a symlink
    bool remove_empty_folder(const std::string& relative);
    // A folder and everything in it; symlinks inside are removed, not followed.
    bool remove_tree(const std::string& relative);

    // Nothing when missing, unreadable or not a regular file reached without
    // symlinks; at most `limit` bytes.
    std::optional<std::string> read_file(const std::string& relative,
                                         std::size_t limit = std::string::npos);
    std::vector<std::string> list_folder(const std::string& relative);
    platform::PathType type_of(const std::string& relative);

    // Folders this writer makes get these permission bits at most (0777 less the
    // umask by default): the wheel cache's, none that another user may write
    // into, whatever the umask.
    void limit_new_folder_mode(unsigned mode) { new_folder_mode_ = mode; }

    const boost::filesystem::path& root() const { return root_; }
    boost::filesystem::path shown_path(const std::string& relative) const;

    // Closes the descriptors kept for `relative` and the folders below it, after
    // they were renamed by other means.
    void forget_folders_under(const std::string& relative);

private:
    // The descriptor of a folder below the root ("" is the root), opened
    // without following symlinks; -1 when it is missing or not a real folder
    // (then made, with create, or an error thrown).
    int folder(std::string_view relative, bool create);

    boost::filesystem::path root_;
    unsigned new_folder_mode_ = 0777;
    std::map<std::string, int, std::less<>> folders_; // found by views too
    // The folder found last: files come folder by folder, mostly.
    const std::pair<const std::string, int>* last_folder_ = nullptr;
};

// Whether `name` is one the writer gives a file or link while it is written
// (".cppvenv-tmp-PID-N"): what a killed write leaves behind.
bool is_tree_writer_temporary(std::string_view name);

// The same, made by a process that is gone: safe to delete.
bool is_abandoned_tree_writer_temporary(std::string_view name);

// "a/b/c" → {"a/b" (a view into `relative`, which must outlive it), "c"};
// throws Error unless every part is a plain name (not empty, ".", ".." or
// holding a backslash or NUL).
std::pair<std::string_view, std::string> split_parent(std::string_view relative);

} // namespace cppvenv
