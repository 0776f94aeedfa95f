// Package files placed on several threads: how many, where each row goes, and
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
        return [this](WheelFile& file, TreeWriter& writer, Existing existing) {
            {
                const std::lock_guard<std::mutex> guard(mutex_);
                threads_.insert(std::this_thread::get_id());
                writers_.insert(&writer);
            }
            if (failing_.count(file.member->name) != 0) {
                throw Error("cannot place " + file.member->name);
            }
            writer.write_file(file.destination, file.member->name, 0644, existing);
            return RecordRow{std::move(file.destination), file.expected_hash, "1"};
        };
    }
    FilePlacer placer() {
        return {place(), [this] { return place(); }};
    }
    std::size_t thread_count() const { return threads_.size(); }
    std::size_t writer_count() const { return writers_.size(); }

private:
    std::set<std::string> failing_;
    std::mutex mutex_;
    std::set<std::thread::id> threads_;
    std::set<const TreeWriter*> writers_;
};

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

TEST_CASE("files placed on several threads each get their row, in order, and scripts are left") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    files[5].is_script = true;
    std::vector<RecordRow> rows(2 + files.size());
    RecordingPlacer recording;
    TreeWriter writer(temporary.path());
    CHECK(place_package_files(files, rows, 2, recording.placer(), writer, Existing::Refuse, 3) ==
          3);
    CHECK(recording.thread_count() == 3);
    CHECK(recording.writer_count() == 3); // each thread its own writer
    CHECK(rows[0].path.empty());
    CHECK(rows[2 + 5].path.empty()); // the script's row is the caller's
    CHECK_FALSE(fs::exists(temporary.path() / "site/f0/m5"));
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (i != 5) {
            INFO(i);
            CHECK(rows[2 + i].path == "site/" + members[i].name);
            CHECK(read_file(temporary.path() / rows[2 + i].path) == members[i].name);
        }
    }
}

TEST_CASE("without a placer for other threads, files are placed on this one") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    std::vector<RecordRow> rows(files.size());
    RecordingPlacer recording;
    TreeWriter writer(temporary.path());
    CHECK(place_package_files(files, rows, 0, {recording.place(), {}}, writer, Existing::Refuse,
                              4) == 1);
    CHECK(recording.thread_count() == 1);
    CHECK(rows.back().path == "site/" + members.back().name);
}

TEST_CASE("a file failing in a later run leaves the earlier runs to finish, as on one thread") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    std::vector<RecordRow> rows(files.size());
    RecordingPlacer recording({"f10/m100"});
    TreeWriter writer(temporary.path());
    CHECK_THROWS_WITH(
        place_package_files(files, rows, 0, recording.placer(), writer, Existing::Refuse, 3),
        "cannot place f10/m100");
    for (std::size_t i = 0; i < 100; ++i) { // the first run: every file placed
        INFO(i);
        CHECK(rows[i].path == "site/" + members[i].name);
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
        std::vector<RecordRow> rows(files.size());
        RecordingPlacer recording(failing);
        TreeWriter writer(temporary.path());
        INFO(thrown);
        CHECK_THROWS_WITH(
            place_package_files(files, rows, 0, recording.placer(), writer, Existing::Refuse, 3),
            "cannot place " + thrown);
    }
}

TEST_CASE("a run whose thread cannot make its placer is placed on this thread, not failed") {
    TemporaryDirectory temporary;
    const std::vector<ArchiveMember> members = members_of(300, 100);
    std::vector<WheelFile> files = files_of(members);
    std::vector<RecordRow> rows(files.size());
    RecordingPlacer recording;
    // The second reader of a wheel that cannot be opened again (no descriptor left).
    FilePlacer placer = recording.placer();
    placer.for_thread = []() -> PlaceFile { throw Error("cannot open the wheel again"); };
    TreeWriter writer(temporary.path());
    CHECK(place_package_files(files, rows, 0, placer, writer, Existing::Refuse, 3) == 1);
    CHECK(recording.thread_count() == 1);
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(i);
        CHECK(rows[i].path == "site/" + members[i].name);
        CHECK(read_file(temporary.path() / rows[i].path) == members[i].name);
    }
}
