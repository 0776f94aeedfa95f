// Offsets in a wheel-cache entry's pack, and the writer that lays them out.
#include "seed/wheel_pack.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string>

namespace cppvenv {

namespace {

std::uint64_t round_up(std::uint64_t value) {
    return (value + pack_alignment - 1) / pack_alignment * pack_alignment;
}

} // namespace

PackLayout::PackLayout(const std::vector<ArchiveMember>& members) {
    offsets.reserve(members.size());
    for (const ArchiveMember& member : members) {
        size = round_up(size);
        offsets.push_back(size);
        size += member.size;
    }
}

FileRange PackLayout::range(std::size_t position, std::uint64_t length) const {
    const std::uint64_t offset = offsets.at(position);
    // A clone takes whole blocks, or the pack's last bytes: the padding after a
    // member is cut off again by the caller.
    return {offset, length, std::min(round_up(length), size - offset)};
}

PackWriter::PackWriter(TreeWriter::Output output, const std::vector<ArchiveMember>& members)
    : output_(std::move(output)), layout_(members) {
    sizes_.reserve(members.size());
    for (const ArchiveMember& member : members) {
        sizes_.push_back(member.size);
    }
}

void PackWriter::write(std::size_t position, std::uint64_t offset, std::string_view chunk) const {
    if (position >= sizes_.size() || offset > sizes_[position] ||
        chunk.size() > sizes_[position] - offset) {
        throw Error(fmt::format("member {} of the pack is longer than its {} bytes", position,
                                position < sizes_.size() ? sizes_[position] : 0));
    }
    output_.write_at(layout_.offsets[position] + offset, chunk);
}

void PackWriter::commit() {
    // Every member written whole ends the file at the layout's size, unless the
    // last is empty. Never extended otherwise: a size set ahead of its bytes
    // could outlive them in a crash, where a pack cut short is seen as damaged.
    if (!sizes_.empty() && sizes_.back() == 0) {
        output_.set_size(layout_.size);
    }
    output_.commit();
}

} // namespace cppvenv
