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
// wheel cache's new entry). Called from several threads at once, one member
// at a time on each.
class MemberSink {
public:
    virtual ~MemberSink() = default;
    // `chunk`: the bytes of `member` from `offset` bytes into it.
    virtual void write(const ArchiveMember& member, std::uint64_t offset,
                       std::string_view chunk) = 0;
};

// Writes a pack into an open file. Every member's place is known before its
// bytes, so members may come in any order, from several threads at once (each
// writes its own range); the padding between them is never written (it reads
// as zeros, and takes no block where the file system keeps holes).
class PackWriter {
public:
    PackWriter(TreeWriter::Output output, const std::vector<ArchiveMember>& members);
    // Bytes of the member at `position` from `offset` into it; throws Error for
    // bytes past the member's size.
    void write(std::size_t position, std::uint64_t offset, std::string_view chunk) const;
    // Keeps the pack, once every member has been written whole.
    void commit();

private:
    TreeWriter::Output output_;
    PackLayout layout_;
    std::vector<std::uint64_t> sizes_;
};

} // namespace cppvenv
