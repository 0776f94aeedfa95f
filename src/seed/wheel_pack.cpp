// Offsets in a wheel-cache entry's pack, and the writer that lays them out.
#include "seed/wheel_pack.hpp"

#include <algorithm>
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

void PackWriter::write(std::string_view chunk) {
    output_.write(chunk);
    written_ += chunk.size();
}

void PackWriter::start_member() {
    // Zeros after the member before: never a whole block, so none is spent on them.
    static const std::string zeros(pack_alignment, '\0');
    const std::uint64_t padding = (pack_alignment - written_ % pack_alignment) % pack_alignment;
    write(std::string_view(zeros.data(), static_cast<std::size_t>(padding)));
}

} // namespace cppvenv
