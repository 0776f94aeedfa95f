// The processors a cgroup's CPU quota leaves, from the text of /proc and /sys.
#include "catch_compat.hpp"
#include "util/cpu_quota.hpp"

using namespace cppvenv;

namespace {

// Debian 12 under systemd: cgroup v2 only.
const char* const v2_groups = "0::/system.slice/ci-runner.service\n";
const char* const v2_mounts =
    "22 28 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
    "26 23 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 "
    "rw,nsdelegate,memory_recursiveprot\n";

// An older Docker host: v1, cpu and cpuacct mounted together; the container's
// mount shows its own group as the root.
const char* const v1_groups = "12:pids:/docker/abc\n"
                              "4:cpu,cpuacct:/docker/abc\n"
                              "1:name=systemd:/docker/abc\n";
const char* const v1_mounts =
    "700 699 0:60 / / rw,relatime master:311 - overlay overlay rw,lowerdir=/l\n"
    "711 710 0:30 /docker/abc /sys/fs/cgroup/cpu,cpuacct ro,nosuid,nodev,noexec,relatime "
    "master:12 - cgroup cgroup rw,cpu,cpuacct\n"
    "712 710 0:31 /docker/abc /sys/fs/cgroup/cpuset ro,nosuid master:13 - cgroup cgroup "
    "rw,cpuset\n";

} // namespace

TEST_CASE("cgroup v2: the group's folder below the cgroup2 mount") {
    const auto folders = cgroup_folders(v2_groups, v2_mounts, CgroupVersion::V2);
    REQUIRE(folders);
    CHECK(folders->group == "/sys/fs/cgroup/system.slice/ci-runner.service");
    CHECK(folders->mount_point == "/sys/fs/cgroup");
    CHECK_FALSE(cgroup_folders(v2_groups, v2_mounts, CgroupVersion::V1));
    // A container with its own cgroup namespace: "0::/", the mount itself.
    const auto own = cgroup_folders("0::/\n", v2_mounts, CgroupVersion::V2);
    REQUIRE(own);
    CHECK(own->group == "/sys/fs/cgroup");
}

TEST_CASE("cgroup v1: the cpu hierarchy's mount, its root taken off the group's path") {
    const auto folders = cgroup_folders(v1_groups, v1_mounts, CgroupVersion::V1);
    REQUIRE(folders);
    CHECK(folders->group == "/sys/fs/cgroup/cpu,cpuacct");
    CHECK(folders->mount_point == "/sys/fs/cgroup/cpu,cpuacct");
    // "cpuset" is not "cpu"; no cgroup2 mount here.
    CHECK_FALSE(cgroup_folders(v1_groups, v1_mounts, CgroupVersion::V2));
    const auto deeper =
        cgroup_folders("4:cpu,cpuacct:/docker/abc/inner\n", v1_mounts, CgroupVersion::V1);
    REQUIRE(deeper);
    CHECK(deeper->group == "/sys/fs/cgroup/cpu,cpuacct/inner");
}

TEST_CASE("mountinfo's escaped paths are read as the folders they name") {
    const auto folders = cgroup_folders(
        "0::/a b/c\n", "26 23 0:23 /a\\040b /run/my\\040cgroups rw - cgroup2 cgroup2 rw\n",
        CgroupVersion::V2);
    REQUIRE(folders);
    CHECK(folders->group == "/run/my cgroups/c");
    CHECK(folders->mount_point == "/run/my cgroups");
}

TEST_CASE("a group outside its mount's root, or text that is not /proc's, finds no folder") {
    CHECK_FALSE(cgroup_folders("4:cpu,cpuacct:/docker/other\n", v1_mounts, CgroupVersion::V1));
    CHECK_FALSE(cgroup_folders("4:cpu,cpuacct:/docker/abcdef\n", v1_mounts, CgroupVersion::V1));
    CHECK_FALSE(cgroup_folders("", v2_mounts, CgroupVersion::V2));
    CHECK_FALSE(cgroup_folders(v2_groups, "", CgroupVersion::V2));
    CHECK_FALSE(cgroup_folders("0::relative\n", v2_mounts, CgroupVersion::V2));
    CHECK_FALSE(cgroup_folders("0::/../outside\n", v2_mounts, CgroupVersion::V2));
    CHECK_FALSE(
        cgroup_folders(v2_groups, "26 23 0:23 / /sys/fs/cgroup rw - cgroup2\n", CgroupVersion::V2));
}

TEST_CASE("a CPU quota allows its processors rounded up, and no limit gives no answer") {
    CHECK(cores_in_cpu_max("100000 100000\n") == 1U);
    CHECK(cores_in_cpu_max("150000 100000\n") == 2U);
    CHECK(cores_in_cpu_max("50000 100000") == 1U);
    CHECK(cores_in_cpu_max("400000 100000\n") == 4U);
    CHECK_FALSE(cores_in_cpu_max("max 100000\n"));
    CHECK_FALSE(cores_in_cpu_max(""));
    CHECK_FALSE(cores_in_cpu_max("0 100000"));
    CHECK_FALSE(cores_in_cpu_max("100000 0"));
    CHECK(cores_in_cfs_quota("200000\n", "100000\n") == 2U);
    CHECK_FALSE(cores_in_cfs_quota("-1\n", "100000\n"));
    CHECK_FALSE(cores_in_cfs_quota("", ""));
}

TEST_CASE("a Windows job's CPU rate caps its share of all processors, rounded up") {
    using namespace job_cpu_rate;
    CHECK(cores_in_job_cpu_rate(enable | hard_cap, 10000, 8) == 8U); // every processor
    CHECK(cores_in_job_cpu_rate(enable | hard_cap, 2500, 8) == 2U);  // a quarter of 8
    CHECK(cores_in_job_cpu_rate(enable | hard_cap, 2000, 8) == 2U);  // 1.6 processors
    CHECK(cores_in_job_cpu_rate(enable | hard_cap, 1, 64) == 1U);    // a sliver is still one
    // MIN_MAX_RATE: MinRate in the low 16 bits, MaxRate (the cap) in the high ones.
    CHECK(cores_in_job_cpu_rate(enable | min_max_rate, (2500U << 16) | 1000U, 8) == 2U);
    CHECK(cores_in_job_cpu_rate(enable | min_max_rate | hard_cap, (5000U << 16) | 100U, 4) == 2U);
    CHECK_FALSE(cores_in_job_cpu_rate(enable, 2500, 8));             // a soft rate
    CHECK_FALSE(cores_in_job_cpu_rate(enable | weight_based, 5, 8)); // weights
    CHECK_FALSE(cores_in_job_cpu_rate(hard_cap, 2500, 8));           // not enabled
    CHECK_FALSE(cores_in_job_cpu_rate(enable | hard_cap, 0, 8));
    CHECK_FALSE(cores_in_job_cpu_rate(enable | hard_cap, 5000, 0));
    CHECK_FALSE(cores_in_job_cpu_rate(enable | min_max_rate, 2500, 8)); // MaxRate 0
}
