#include "catch_compat.hpp"
#include "test_support.hpp"
#include "util/platform.hpp"
#include "venv/aside_folder.hpp"
#include "venv/plan.hpp"
#include "venv/venv_entries.hpp"

#include <boost/filesystem/operations.hpp>
#include <fstream>
#include <iterator>

#ifndef _WIN32
#include <unistd.h>
#endif

using namespace cppvenv;
using namespace cppvenv::testing;
namespace fs = boost::filesystem;

#ifndef _WIN32
TEST_CASE("remove_tree_at deletes a tree and unlinks symlinks without following them") {
    TemporaryDirectory dir;
    write_text(dir.path() / "outside/keep.txt", "keep");
    write_text(dir.path() / "venv/lib/a/b/file.py", "x");
    fs::create_directory_symlink(dir.path() / "outside", dir.path() / "venv/lib/a/link");
    fs::create_symlink(dir.path() / "outside/keep.txt", dir.path() / "venv/lib/file-link");
    platform::OpenDirectory root(
        platform::open_directory(dir.path(), platform::FinalSymlink::Refuse));
    REQUIRE(root);
    CHECK(platform::remove_tree_at(root.get(), "venv") == 0);
    CHECK_FALSE(fs::exists(dir.path() / "venv"));
    CHECK(fs::exists(dir.path() / "outside/keep.txt"));
    CHECK(platform::remove_tree_at(root.get(), "missing") == 0);
}

TEST_CASE("a venv's own top-level entries are told from the user's") {
    TemporaryDirectory dir;
    write_text(dir.path() / "pyvenv.cfg", "home = /x\n");
    write_text(dir.path() / "bin/python", "");
    write_text(dir.path() / "lib/python3.12/site-packages/x.py", "");
    write_text(dir.path() / ".gitignore", gitignore_contents);
    write_text(dir.path() / "CACHEDIR.TAG", "someone else's tag\n");
    write_text(dir.path() / "important.txt", "mine");
    platform::OpenDirectory root(
        platform::open_directory(dir.path(), platform::FinalSymlink::Refuse));
    const TopLevelEntries entries = classify_top_level(root.get(), "env");
    CHECK(entries.has_config);
    CHECK(entries.venv == std::vector<std::string>{".gitignore", "bin", "lib", "pyvenv.cfg"});
    CHECK(entries.other == std::vector<std::string>{"CACHEDIR.TAG", "important.txt"});
    remove_venv_entries(root.get(), entries, ConfigFile::Keep, "env");
    CHECK(fs::exists(dir.path() / "pyvenv.cfg"));
    CHECK_FALSE(fs::exists(dir.path() / "bin"));
    CHECK(fs::exists(dir.path() / "important.txt"));
}
#endif

TEST_CASE("hidden staging and removal names fit in a file name and follow one exact form") {
    CHECK(aside_name(".venv", AsideKind::Staging, 25856, 0x5f5a58d4) ==
          "..venv.cppvenv-staging-25856-5f5a58d4");
    const std::string name = aside_name(std::string(255, 'n'), AsideKind::Removing, 999999999, 1);
    CHECK(name.size() <= 255);
    CHECK(name.find(".cppvenv-removing-999999999-00000001") != std::string::npos);
}

TEST_CASE("a marker is read as whole, cut short by a kill, or foreign; whole ones say when their "
          "process started") {
    const std::string text = "made by cppvenv as a staging folder; deleted by the next cppvenv "
                             "run once its process is gone\n";
    const auto reads = [](const std::string& contents) {
        const MarkerReading marker = read_marker(contents, AsideKind::Staging);
        return std::make_pair(marker.state, marker.owner_started.value_or("-"));
    };
    using R = MarkerReading;
    CHECK(reads(text) == std::make_pair(R::Whole, std::string("-")));
    CHECK(reads(text + "process started: 123456\n") ==
          std::make_pair(R::Whole, std::string("123456")));
    for (const std::string& cut : {std::string(), text.substr(0, 10), text + "process st",
                                   text + "process started: ", text + "process started: 12"}) {
        CHECK(reads(cut) == std::make_pair(R::Cut, std::string("-")));
    }
    for (const std::string& foreign :
         {std::string("made by me"), text + "\n", text + "process started: 12x\n",
          text + "process started: \n", text + "process started: 12\nmore\n",
          text + "process started: " + std::string(25, '1') + "\n"}) {
        CHECK(reads(foreign).first == R::Foreign);
    }
    CHECK(read_marker(text, AsideKind::Removing).state == R::Foreign);
}

TEST_CASE("a staging folder's marker says when its process started, where the system tells") {
    TemporaryDirectory dir;
    const AsideFolder ours(dir.path() / "env", AsideKind::Staging, "env");
    std::ifstream file((ours.path() / ".cppvenv-aside").string(), std::ios::binary);
    const std::string contents{std::istreambuf_iterator<char>(file), {}};
    const MarkerReading marker = read_marker(contents, AsideKind::Staging);
    CHECK(marker.state == MarkerReading::Whole);
    CHECK(marker.owner_started == platform::process_start_time(platform::current_process_id()));
#ifdef __linux__
    CHECK(marker.owner_started.has_value());
#endif
}

#ifdef __linux__
TEST_CASE("a folder named with a live process's id is abandoned when its marker says its owner "
          "started at another time (the id was used again)") {
    TemporaryDirectory dir;
    const long live = static_cast<long>(::getppid());
    const std::optional<std::string> started = platform::process_start_time(live);
    REQUIRE(started.has_value());
    const std::string text = "made by cppvenv as a staging folder; deleted by the next cppvenv "
                             "run once its process is gone\n";
    const std::string reused = aside_name("env", AsideKind::Staging, live, 0x11111111);
    const std::string owned = aside_name("env", AsideKind::Staging, live, 0x22222222);
    const std::string unknown = aside_name("env", AsideKind::Staging, live, 0x33333333);
    for (const auto& [name, marker] :
         {std::make_pair(reused, text + "process started: 1" + *started + "\n"),
          std::make_pair(owned, text + "process started: " + *started + "\n"),
          std::make_pair(unknown, text)}) {
        fs::create_directory(dir.path() / name);
        write_text(dir.path() / name / ".cppvenv-aside", marker);
    }
    CHECK(abandoned_aside_folders(dir.path(), AsideKind::Staging, "") ==
          std::vector<std::string>{reused});
}
#endif

TEST_CASE("a staging folder named with this process's id is abandoned unless this process holds "
          "it (wine and containers reuse ids)") {
    TemporaryDirectory dir;
    const long self = platform::current_process_id();
    // A dead process's, under the id this one now has: killed before its marker.
    const std::string dead = aside_name("env", AsideKind::Staging, self, 0x12345678);
    fs::create_directory(dir.path() / dead);
    const AsideFolder ours(dir.path() / "env", AsideKind::Staging, "env");
    CHECK(abandoned_aside_folders(dir.path(), AsideKind::Staging, "") ==
          std::vector<std::string>{dead});
}
