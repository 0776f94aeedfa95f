// How many processors a cgroup's CPU quota leaves: parsing, no file access.
#include "util/cpu_quota.hpp"

#include "util/text.hpp"

#include <cstdint>
#include <vector>

namespace cppvenv {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        const std::string_view::size_type at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) {
            return parts;
        }
        text.remove_prefix(at + 1);
    }
}

std::optional<std::uint64_t> number(std::string_view text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != text.npos) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const char digit : text) {
        value = value * 10 + static_cast<std::uint64_t>(digit - '0');
    }
    return value;
}

std::optional<unsigned> cores_in(std::uint64_t quota, std::uint64_t period) {
    if (quota == 0 || period == 0) {
        return std::nullopt;
    }
    const std::uint64_t cores = (quota + period - 1) / period;
    return static_cast<unsigned>(cores > 4096 ? 4096 : cores);
}

bool has_item_of(std::string_view list, char separator, std::string_view item) {
    for (const std::string_view part : split(list, separator)) {
        if (part == item) {
            return true;
        }
    }
    return false;
}

bool has_item(std::string_view list, std::string_view item) {
    return has_item_of(list, ',', item);
}

// The group path of `version` in /proc/self/cgroup: "0::/a/b" for v2,
// "4:cpu,cpuacct:/a/b" (the hierarchy holding cpu) for v1.
std::optional<std::string_view> group_path(std::string_view proc_self_cgroup,
                                           CgroupVersion version) {
    for (const std::string_view line : split(proc_self_cgroup, '\n')) {
        const std::vector<std::string_view> fields = split(line, ':');
        if (fields.size() < 3) {
            continue;
        }
        const bool wanted = version == CgroupVersion::V2 ? fields[0] == "0" && fields[1].empty()
                                                         : has_item(fields[1], "cpu");
        if (wanted) {
            // A path may hold ':' itself: it is the rest of the line.
            return line.substr(fields[0].size() + fields[1].size() + 2);
        }
    }
    return std::nullopt;
}

// A path field of mountinfo, whose space, tab, newline and backslash the
// kernel writes as \ooo (octal).
std::string unescaped(std::string_view field) {
    std::string path;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() &&
            field.substr(i + 1, 3).find_first_not_of("01234567") == std::string_view::npos) {
            path += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 +
                                      (field[i + 3] - '0'));
            i += 3;
        } else {
            path += field[i];
        }
    }
    return path;
}

} // namespace

std::optional<CgroupFolders> cgroup_folders(std::string_view proc_self_cgroup,
                                            std::string_view proc_self_mountinfo,
                                            CgroupVersion version) {
    const std::optional<std::string_view> path = group_path(proc_self_cgroup, version);
    // A group seen from another cgroup namespace shows as "/../x": not below any mount.
    if (!path || path->empty() || path->front() != '/' || has_item_of(*path, '/', "..")) {
        return std::nullopt;
    }
    // mountinfo: "ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER".
    for (const std::string_view line : split(proc_self_mountinfo, '\n')) {
        const std::vector<std::string_view> fields = split(line, ' ');
        std::size_t dash = 6;
        while (dash < fields.size() && fields[dash] != "-") {
            ++dash;
        }
        if (dash + 3 >= fields.size()) {
            continue; // not a mount line: no type, source and super options
        }
        const std::string_view type = fields[dash + 1];
        const bool wanted = version == CgroupVersion::V2
                                ? type == "cgroup2"
                                : type == "cgroup" && has_item(fields[dash + 3], "cpu");
        if (!wanted) {
            continue;
        }
        std::string root = unescaped(fields[3]);
        const std::string mount_point = unescaped(fields[4]);
        if (root == "/") {
            root.clear();
        }
        if (path->compare(0, root.size(), root) != 0 ||
            (path->size() > root.size() && (*path)[root.size()] != '/')) {
            continue; // the group is outside what this mount shows
        }
        std::string_view below = path->substr(root.size());
        if (below == "/") {
            below = "";
        }
        return CgroupFolders{mount_point + std::string(below), mount_point};
    }
    return std::nullopt;
}

std::optional<unsigned> cores_in_cpu_max(std::string_view cpu_max) {
    const std::vector<std::string_view> fields = split(trimmed(first_line(cpu_max)), ' ');
    if (fields.size() != 2) {
        return std::nullopt;
    }
    const std::optional<std::uint64_t> quota = number(fields[0]);
    const std::optional<std::uint64_t> period = number(fields[1]);
    return quota && period ? cores_in(*quota, *period) : std::nullopt;
}

std::optional<unsigned> cores_in_cfs_quota(std::string_view quota_us, std::string_view period_us) {
    const std::optional<std::uint64_t> quota = number(trimmed(first_line(quota_us)));
    const std::optional<std::uint64_t> period = number(trimmed(first_line(period_us)));
    return quota && period ? cores_in(*quota, *period) : std::nullopt;
}

std::optional<unsigned> cores_in_job_cpu_rate(std::uint32_t flags, std::uint32_t rate,
                                              unsigned processors) {
    if ((flags & job_cpu_rate::enable) == 0 || (flags & job_cpu_rate::weight_based) != 0) {
        return std::nullopt;
    }
    std::uint32_t cap = 0;
    if ((flags & job_cpu_rate::min_max_rate) != 0) {
        cap = rate >> 16; // MaxRate
    } else if ((flags & job_cpu_rate::hard_cap) != 0) {
        cap = rate;
    }
    // cap / 10000 of `processors`: a quota of cap * processors per period 10000.
    return cores_in(std::uint64_t{cap} * processors, 10000);
}

} // namespace cppvenv
