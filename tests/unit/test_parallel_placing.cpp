// Package files placed on several threads: how many, each file once, and
// which error comes out when files fail.
#include "catch_compat.hpp"
#include "seed/parallel_placing.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"

#include <boost/filesystem/operations.hpp>
#include <mutex>
#include <set>
#include <thread>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

namespace {

// `count` members in folders of ten ("f0/m0", … "f1/m10", …), each `size` bytes.
std::vector<ArchiveMember> members_of(std::size_t count, std::uint64_t size) {
    std::vector<ArchiveMember> members(count);
    for (std::size_t i = 0; i < count; ++i) {
        members[i].index = i;
        members[i].name = "f" + std::to_string(i / 10) + "/m" + std::to_string(i);
        members[i].size = size;
    }
    return members;
}

std::vector<WheelFile> files_of(const std::vector<ArchiveMember>& members) {
    std::vector<WheelFile> files;
    for (const ArchiveMember& member : members) {
        files.push_back({&member, "site/" + member.name, "sha256=x", false});
    }
    return files;
}

// Writes each file's name into it, noting the thread and the writer used;
// throws for the files named in `failing`.
class RecordingPlacer {
public:
    explicit RecordingPlacer(std::set<std::string> failing = {}) : failing_(std::move(failing)) {}

    PlaceFile place() {
        return [this](const WheelFile& file, TreeWriter& writer, Existing existing) {
            {
                const std::lock_guard<std::mutex> guard(mutex_);
                threads_.insert(std::this_thread::get_id());
                writers_.insert(&writer);
                placed_.insert(file.member->name);
            }
            if (failing_.count(file.member->name) != 0) {
                throw Error("cannot place " + file.member->name);
            }
            writer.write_file(file.destination, file.member->name, 0644, existing);
        };
    }
    FilePlacer placer() {
        return {place(), [this] { return place(); }};
    }
    std::size_t thread_count() const { return threads_.size(); }
    std::size_t writer_count() const { return writers_.size(); }
    // How many times the member `name` was placed.
    std::size_t times_placed(const std::string& name) const { return placed_.count(name); }

private:
    std::set<std::string> failing_;
    std::mutex mutex_;
    std::set<std::thread::id> threads_;
    std::set<const TreeWriter*> writers_;
    std::multiset<std::string> placed_;
};

// Whether file `i` of `members` is in the venv at `root`, with its own contents.
bool is_placed(const fs::path& root, const std::vector<ArchiveMember>& members, std::size_t i) {
    const fs::path path = root / ("site/" + members[i].name);
    return fs::exists(path) && read_file(path) == members[i].name;
}

} // namespace

TEST_CASE("package files go on one thread per core, at most 4, at least 64 files each") {
    CHECK(placing_threads(507, 2) == 2);
    CHECK(placing_threads(507, 16) == 4);
    CHECK(placing_threads(200, 16) == 3);
    CHECK(placing_threads(100, 16) == 1);
    CHECK(placing_threads(23, 16) == 1);
    CHECK(placing_threads(507, 1) == 1);
    CHECK(placing_threads(507, 0) == 1); // cores unknown
}

TEST_CASE("files placed on several threads are each placed once, and scripts are left") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    files[5].is_script = true;
    RecordingPlacer recording;
    TreeWriter writer(temporary.path());
    CHECK(place_package_files(files, recording.placer(), writer, Existing::Refuse, 3) == 3);
    CHECK(recording.thread_count() == 3);
    CHECK(recording.writer_count() == 3);        // each thread its own writer
    CHECK(recording.times_placed("f0/m5") == 0); // the script is the caller's
    CHECK_FALSE(fs::exists(temporary.path() / "site/f0/m5"));
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (i != 5) {
            INFO(i);
            CHECK(recording.times_placed(members[i].name) == 1);
            CHECK(is_placed(temporary.path(), members, i));
        }
    }
}

TEST_CASE("without a placer for other threads, files are placed on this one") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    RecordingPlacer recording;
    TreeWriter writer(temporary.path());
    CHECK(place_package_files(files, {recording.place(), {}}, writer, Existing::Refuse, 4) == 1);
    CHECK(recording.thread_count() == 1);
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(i);
        CHECK(is_placed(temporary.path(), members, i));
    }
}

TEST_CASE("a file failing in a later run leaves the earlier runs to finish, as on one thread") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    RecordingPlacer recording({"f10/m100"});
    TreeWriter writer(temporary.path());
    CHECK_THROWS_WITH(place_package_files(files, recording.placer(), writer, Existing::Refuse, 3),
                      "cannot place f10/m100");
    for (std::size_t i = 0; i < 100; ++i) { // the first run: every file placed
        INFO(i);
        CHECK(is_placed(temporary.path(), members, i));
    }
}

TEST_CASE("when files fail on several threads, the first failing file's error comes out") {
    const std::vector<ArchiveMember> members = members_of(300, 100);
    // The files that fail, and the one whose error is thrown.
    const std::vector<std::pair<std::set<std::string>, std::string>> cases = {
        {{"f29/m299"}, "f29/m299"},
        {{"f2/m20", "f29/m299"}, "f2/m20"},
        {{"f15/m150", "f0/m0"}, "f0/m0"},
    };
    for (const auto& [failing, thrown] : cases) {
        TemporaryDirectory temporary;
        std::vector<WheelFile> files = files_of(members);
        RecordingPlacer recording(failing);
        TreeWriter writer(temporary.path());
        INFO(thrown);
        CHECK_THROWS_WITH(
            place_package_files(files, recording.placer(), writer, Existing::Refuse, 3),
            "cannot place " + thrown);
    }
}

TEST_CASE("a run whose thread cannot make its placer is placed on this thread, not failed") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    RecordingPlacer recording;
    // The second reader of a wheel that cannot be opened again (no descriptor left).
    FilePlacer placer = recording.placer();
    placer.for_thread = []() -> PlaceFile { throw Error("cannot open the wheel again"); };
    TreeWriter writer(temporary.path());
    CHECK(place_package_files(files, placer, writer, Existing::Refuse, 3) == 1);
    CHECK(recording.thread_count() == 1);
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(i);
        CHECK(recording.times_placed(members[i].name) == 1);
        CHECK(is_placed(temporary.path(), members, i));
    }
}
