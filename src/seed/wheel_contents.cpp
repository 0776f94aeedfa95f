// A wheel's members mapped onto the venv, checked before anything is written.
#include "seed/wheel_contents.hpp"

#include "seed/wheel_metadata.hpp"
#include "seed/wheel_record.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstddef>
#include <fmt/format.h>
#include <functional>
#include <set>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace cppvenv {

namespace {

// The '/'-separated parts of `path`, as views into it.
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t end = std::min(path.find('/', start), path.size());
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string join_path(const std::string& folder, std::string_view rest) {
    if (folder.empty()) {
        return std::string(rest);
    }
    std::string joined;
    joined.reserve(folder.size() + 1 + rest.size());
    joined.append(folder).append(1, '/').append(rest);
    return joined;
}

// A member name is '/'-separated and relative; no part may be empty, "." or "..".
void check_member_name(const std::string& wheel, const ArchiveMember& member) {
    std::string_view name = member.name;
    if (member.is_directory) {
        name.remove_suffix(1);
    }
    if (!is_plain_relative_path(name)) {
        throw Error(fmt::format("{}: refusing the unsafe member name '{}' (absolute, '..', "
                                "backslash or empty part)",
                                wheel, member.name));
    }
}

} // namespace

std::string find_dist_info_dir(const WheelSource& wheel) {
    std::set<std::string> found;
    for (const ArchiveMember& member : wheel.members()) {
        const std::string top = member.name.substr(0, member.name.find('/'));
        const std::string suffix = ".dist-info";
        if (top.size() > suffix.size() && top.size() < member.name.size() &&
            top.compare(top.size() - suffix.size(), suffix.size(), suffix) == 0) {
            found.insert(top);
        }
    }
    if (found.size() != 1) {
        throw Error(fmt::format("{}: expected exactly one .dist-info folder, found {}",
                                wheel.path().string(), found.size()));
    }
    return *found.begin();
}

namespace {

// RECORD's rows by path, the last of a path's rows winning (as in a map): one
// table of row numbers (open addressing), no allocation per row.
class RowsByPath {
public:
    explicit RowsByPath(const std::vector<RecordRow>& rows) : rows_(rows) {
        std::size_t size = 16;
        while (size < 2 * rows.size()) {
            size *= 2;
        }
        slots_.assign(size, -1);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            slots_[slot_of(rows[i].path)] = static_cast<std::ptrdiff_t>(i);
        }
    }
    // The number of the row listing `path`; -1 when none does.
    std::ptrdiff_t find(std::string_view path) const { return slots_[slot_of(path)]; }

private:
    // The slot holding `path`'s row, or the empty slot where it would go.
    std::size_t slot_of(std::string_view path) const {
        const std::size_t mask = slots_.size() - 1;
        std::size_t slot = std::hash<std::string_view>{}(path)&mask;
        while (slots_[slot] >= 0 && rows_[static_cast<std::size_t>(slots_[slot])].path != path) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    const std::vector<RecordRow>& rows_;
    std::vector<std::ptrdiff_t> slots_;
};

const ArchiveMember& required_member(const WheelSource& wheel, const std::string& name) {
    const ArchiveMember* member = wheel.find(name);
    if (member == nullptr) {
        throw Error(fmt::format("{}: {} is missing", wheel.path().string(), name));
    }
    return *member;
}

// Where a member of `<name>.data/<scheme>/...` goes; empty for an unknown scheme.
std::string data_destination(const std::string& scheme, const std::string& rest,
                             const std::string& project, const SeedLayout& layout) {
    if (scheme == "purelib") {
        return join_path(layout.purelib_dir, rest);
    }
    if (scheme == "platlib") {
        return join_path(layout.platlib_dir, rest);
    }
    if (scheme == "scripts") {
        return join_path(layout.scripts_dir, rest);
    }
    if (scheme == "headers") {
        return join_path(join_path(layout.headers_dir, project), rest);
    }
    if (scheme == "data") {
        return rest;
    }
    return {};
}

} // namespace

namespace {

bool same_ignoring_case(std::string_view text, std::string_view lower_case) {
    if (text.size() != lower_case.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower_case[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

bool is_symlink_anchor_path(std::string_view destination) {
    const std::string_view prefix = folder_anchor_prefix;
    const std::string_view dist_info = ".dist-info";
    std::string_view previous;
    std::string_view rest = destination;
    while (!rest.empty()) {
        const std::string_view::size_type slash = rest.find('/');
        const std::string_view part = rest.substr(0, slash);
        if ((part.size() >= prefix.size() &&
             same_ignoring_case(part.substr(0, prefix.size()), prefix)) ||
            (same_ignoring_case(part, symlink_anchor_name) && previous.size() > dist_info.size() &&
             same_ignoring_case(previous.substr(previous.size() - dist_info.size()), dist_info))) {
            return true;
        }
        previous = part;
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    return false;
}

namespace {

// RECORD and its signatures are not installed; INSTALLER and REQUESTED are the
// installer's to write.
bool is_written_by_installer(std::string_view name, std::string_view dist_info_dir) {
    if (!is_below(name, dist_info_dir)) {
        return false;
    }
    const std::string_view file = name.substr(dist_info_dir.size() + 1);
    return file == "RECORD" || file == "RECORD.jws" || file == "RECORD.p7s" ||
           file == "INSTALLER" || file == "REQUESTED";
}

} // namespace

std::string record_path(const std::string& from_dir, std::string to) {
    // Most files are below from_dir: their path is the rest of `to`, trimmed in
    // place (a moved-in `to` keeps its buffer).
    if (!from_dir.empty() && is_below(to, from_dir)) {
        to.erase(0, from_dir.size() + 1);
        return to;
    }
    const std::vector<std::string_view> from_parts =
        from_dir.empty() ? std::vector<std::string_view>() : split_path(from_dir);
    const std::vector<std::string_view> to_parts = split_path(to);
    size_t common = 0;
    while (common < from_parts.size() && common + 1 < to_parts.size() &&
           from_parts[common] == to_parts[common]) {
        ++common;
    }
    std::string result;
    for (size_t i = common; i < from_parts.size(); ++i) {
        result += "../";
    }
    for (size_t i = common; i < to_parts.size(); ++i) {
        result += to_parts[i];
        if (i + 1 < to_parts.size()) {
            result += '/';
        }
    }
    return result;
}

WheelContents map_wheel_contents(const WheelSource& wheel, const SeedLayout& layout) {
    const std::string origin = wheel.path().string();
    for (const ArchiveMember& member : wheel.members()) {
        check_member_name(origin, member);
    }
    WheelContents contents;
    contents.dist_info_dir = find_dist_info_dir(wheel);
    const std::string dist_name =
        contents.dist_info_dir.substr(0, contents.dist_info_dir.size() - sizeof(".dist-info") + 1);
    const std::string project = dist_name.substr(0, dist_name.find('-'));
    const std::string data_dir = dist_name + ".data";
    const std::string metadata =
        wheel.read_all(required_member(wheel, contents.dist_info_dir + "/WHEEL"));
    contents.root_dir = wheel_root_is_purelib(metadata) ? layout.purelib_dir : layout.platlib_dir;
    if (const ArchiveMember* entry_points =
            wheel.find(contents.dist_info_dir + "/entry_points.txt")) {
        contents.entry_points = wheel.read_all(*entry_points);
    }
    contents.record = std::make_unique<RecordText>(
        wheel.read_all(required_member(wheel, contents.dist_info_dir + "/RECORD")));
    const std::vector<RecordRow> rows = contents.record->rows(origin);
    const RowsByPath record(rows);
    std::vector<char> taken(rows.size(), 0); // a row a member took: a name seen twice

    contents.files.reserve(wheel.members().size());
    for (const ArchiveMember& member : wheel.members()) {
        if (member.is_directory || is_written_by_installer(member.name, contents.dist_info_dir)) {
            continue;
        }
        const std::ptrdiff_t listed = record.find(member.name);
        if (listed >= 0 && std::exchange(taken[static_cast<std::size_t>(listed)], 1) != 0) {
            throw Error(fmt::format("{}: the member {} appears twice", origin, member.name));
        }
        if (listed < 0 || rows[static_cast<std::size_t>(listed)].hash.empty()) {
            throw Error(
                fmt::format("{}: {} is not listed with a hash in RECORD", origin, member.name));
        }
        const RecordRow& row = rows[static_cast<std::size_t>(listed)];
        const fmt::format_int digits(member.size);
        if (!row.size.empty() && row.size != std::string_view(digits.data(), digits.size())) {
            throw Error(fmt::format("{}: {} has {} bytes but RECORD says {}", origin, member.name,
                                    member.size, row.size));
        }
        WheelFile file{&member, "", row.hash, false};
        if (is_below(member.name, data_dir)) {
            const std::string inside = member.name.substr(data_dir.size() + 1);
            const size_t slash = inside.find('/');
            const std::string scheme = inside.substr(0, slash);
            file.destination =
                slash == std::string::npos
                    ? std::string()
                    : data_destination(scheme, inside.substr(slash + 1), project, layout);
            if (file.destination.empty()) {
                throw Error(fmt::format("{}: {} is in an unknown .data folder '{}'", origin,
                                        member.name, scheme));
            }
            file.is_script = scheme == "scripts";
        } else {
            file.destination = join_path(contents.root_dir, member.name);
        }
        if (is_symlink_anchor_path(file.destination)) {
            // Symlink mode's link to the cache entry is the installer's: a
            // member there would replace it, or be written through it.
            throw Error(fmt::format("{}: {} would be installed at {}, the name cppvenv keeps for "
                                    "its link to the wheel cache",
                                    origin, member.name, file.destination));
        }
        if (member.is_symlink) {
            // pip never makes a link from a wheel, and a link is how one member
            // (or one wheel) could send the next one's writes outside the venv.
            throw Error(fmt::format("{}: {} is a symlink; cppvenv installs files from wheels, "
                                    "never links (as pip does)",
                                    origin, member.name));
        }
        contents.files.push_back(std::move(file));
    }
    // Two members for one destination: only possible where a .data member is.
    if (std::any_of(contents.files.begin(), contents.files.end(),
                    [&](const WheelFile& file) { return is_below(file.member->name, data_dir); })) {
        std::unordered_set<std::string_view> destinations;
        for (const WheelFile& file : contents.files) {
            if (!destinations.insert(file.destination).second) {
                throw Error(fmt::format("{}: two members install to {}", origin, file.destination));
            }
        }
    }
    return contents;
}

} // namespace cppvenv
