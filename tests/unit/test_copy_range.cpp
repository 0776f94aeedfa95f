// platform::copy_range: a range of one file appended to another, in the kernel
// where it may (copy_file_range within a file system, sendfile between two),
// else through a buffer; each refused way is not tried again.
#include "catch_compat.hpp"
#include "test_support.hpp"
#include "util/platform.hpp"

#ifdef __linux__
#include <boost/filesystem/operations.hpp>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace cppvenv;
using cppvenv::testing::exit_code_of;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

namespace {

// 300 KiB that no two ranges share by accident.
std::string source_bytes() {
    std::string bytes;
    for (int i = 0; i < 300 * 1024; ++i) {
        bytes += static_cast<char>('a' + (i * 7 + i / 251) % 26);
    }
    return bytes;
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path.string(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Copies two ranges of `source` (written first) into a new file at
// `destination`; the bytes it holds then, and the way the copy ended with.
std::string copy_two_ranges(const fs::path& source, const fs::path& destination,
                            platform::CopyWay& way) {
    testing::write_text(source, source_bytes());
    const int from = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    const int to = ::open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    REQUIRE(from >= 0);
    REQUIRE(to >= 0);
    CHECK(platform::copy_range(from, 1000, 100 * 1024, to, way) == 0);
    CHECK(platform::copy_range(from, 7, 5, to, way) == 0);
    ::close(from);
    ::close(to);
    return read_all(destination);
}

std::string expected() {
    const std::string bytes = source_bytes();
    return bytes.substr(1000, 100 * 1024) + bytes.substr(7, 5);
}

} // namespace

TEST_CASE("copy_range copies ranges in the kernel within one file system") {
    TemporaryDirectory folder;
    platform::CopyWay way = platform::CopyWay::FileRange;
    CHECK(copy_two_ranges(folder.path() / "source", folder.path() / "copy", way) == expected());
    // (A file system without copy_file_range may have taken a later way.)
    CHECK(way != platform::CopyWay::Buffer);
}

TEST_CASE("between two file systems copy_range copies with sendfile, still in the kernel") {
    TemporaryDirectory here;
    const fs::path shm = "/dev/shm";
    struct stat here_info {};
    struct stat shm_info {};
    if (::stat(here.path().c_str(), &here_info) != 0 || ::stat(shm.c_str(), &shm_info) != 0 ||
        here_info.st_dev == shm_info.st_dev || ::access(shm.c_str(), W_OK) != 0) {
        WARN("skipped: no writable /dev/shm on another file system");
        return;
    }
    const fs::path copy = shm / ("cppvenv-copy-range-" + std::to_string(::getpid()));
    platform::CopyWay way = platform::CopyWay::FileRange;
    const std::string copied = copy_two_ranges(here.path() / "source", copy, way);
    fs::remove(copy);
    CHECK(copied == expected());
    // A kernel from 5.3 to 5.18 copies across file systems with copy_file_range.
    CHECK(way != platform::CopyWay::Buffer);
}

TEST_CASE("where a sandbox denies both kernel ways (EPERM), copy_range copies through a buffer") {
    TemporaryDirectory folder;
    // In a child: the filter cannot be taken off again. 0 when the bytes are
    // right and the way is Buffer, 1 when the bytes are wrong, 2 when another
    // way is left, 3 when a copy failed, 6 without seccomp.
    const pid_t child = fork();
    if (child == 0) {
        if (!testing::deny_system_calls({__NR_copy_file_range, __NR_sendfile})) {
            _exit(6);
        }
        testing::write_text(folder.path() / "source", source_bytes());
        const int from = ::open((folder.path() / "source").c_str(), O_RDONLY | O_CLOEXEC);
        const int to =
            ::open((folder.path() / "copy").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        platform::CopyWay way = platform::CopyWay::FileRange;
        if (from < 0 || to < 0 || platform::copy_range(from, 1000, 100 * 1024, to, way) != 0 ||
            platform::copy_range(from, 7, 5, to, way) != 0) {
            _exit(3);
        }
        ::close(to);
        if (read_all(folder.path() / "copy") != expected()) {
            _exit(1);
        }
        _exit(way == platform::CopyWay::Buffer ? 0 : 2);
    }
    const int outcome = exit_code_of(child);
    if (outcome == 6) {
        WARN("skipped: no seccomp filter could be set here");
        return;
    }
    CHECK(outcome == 0);
}

#endif
