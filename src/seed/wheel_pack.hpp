#pragma once
// The pack of a wheel-cache entry: one file holding the bytes of every member
// of the wheel, in the order its manifest lists them, each member starting at
// a multiple of pack_alignment. A venv's copy of a member is one range of one
// open file: no open, check and close of a file per member, and a file system
// with reflinks can share the range's blocks (its clones must start on a block).

#include "seed/wheel_archive.hpp"
#include "util/tree_writer.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace cppvenv {

constexpr std::uint64_t pack_alignment = 4096;

// Where each member of `members` (by position) is in their pack, and its size.
struct PackLayout {
    std::vector<std::uint64_t> offsets;
    std::uint64_t size = 0;

    explicit PackLayout(const std::vector<ArchiveMember>& members);
    // The range of the member at `position`, `length` bytes long.
    FileRange range(std::size_t position, std::uint64_t length) const;
};

// Where the bytes of a wheel's members also go as they are installed (the
// wheel cache's new entry): start_member(), then the member's bytes in chunks.
class MemberSink {
public:
    virtual ~MemberSink() = default;
    virtual void start_member(const ArchiveMember& member) = 0;
    virtual void write(std::string_view chunk) = 0;
};

// Writes a pack, member after member, into an open file.
class PackWriter {
public:
    explicit PackWriter(TreeWriter::Output output) : output_(std::move(output)) {}
    // Call before each member's first chunk: the member starts at the next offset
    // PackLayout gives it.
    void start_member();
    void write(std::string_view chunk);
    void commit() { output_.commit(); }

private:
    TreeWriter::Output output_;
    std::uint64_t written_ = 0;
};

} // namespace cppvenv
