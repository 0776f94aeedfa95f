#pragma once
// How many processors a cgroup's CPU quota (cgroup v2 cpu.max, v1
// cpu.cfs_quota_us) leaves this process: a container started with `--cpus=1`
// sees every core of the host in its affinity, yet threads beyond its quota
// only wait (and, when the quota runs out, stall until the next period).
// Pure functions over the text of /proc/self/cgroup, /proc/self/mountinfo and
// the quota files; util/platform_posix.cpp reads them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cppvenv {

enum class CgroupVersion { V2, V1 };

// Where this process's cgroup of `version` (v1: the hierarchy with the cpu
// controller) is on the file system: the folder of its quota files, and the
// folder where that hierarchy is mounted (its quota files above the mount are
// out of sight). nullopt when /proc/self/mountinfo has no such mount or the
// group is outside the mount's root.
struct CgroupFolders {
    std::string group;
    std::string mount_point;
};
std::optional<CgroupFolders> cgroup_folders(std::string_view proc_self_cgroup,
                                            std::string_view proc_self_mountinfo,
                                            CgroupVersion version);

// The processors a quota allows, rounded up (1.5 → 2); nullopt for no limit
// ("max", -1) or text that is not a quota.
std::optional<unsigned> cores_in_cpu_max(std::string_view cpu_max);
std::optional<unsigned> cores_in_cfs_quota(std::string_view quota_us, std::string_view period_us);
// The same for a Windows job object's CPU rate control (`docker run --cpus`
// on Windows, a CI runner's job), from JOBOBJECT_CPU_RATE_CONTROL_INFORMATION:
// `flags` its ControlFlags, `rate` its CpuRate (the union, which holds MinRate
// and MaxRate in its low and high 16 bits under MIN_MAX_RATE), in hundredths
// of a percent of all `processors` of the machine (10000: every one). A cap
// only with ENABLE and HARD_CAP (CpuRate) or MIN_MAX_RATE (MaxRate); a soft
// rate or weights leave idle processors usable: nullopt, as for no processors.
namespace job_cpu_rate {
constexpr std::uint32_t enable = 0x1;
constexpr std::uint32_t weight_based = 0x2;
constexpr std::uint32_t hard_cap = 0x4;
constexpr std::uint32_t min_max_rate = 0x10; // (not in mingw-w64's headers)
} // namespace job_cpu_rate
std::optional<unsigned> cores_in_job_cpu_rate(std::uint32_t flags, std::uint32_t rate,
                                              unsigned processors);

} // namespace cppvenv
