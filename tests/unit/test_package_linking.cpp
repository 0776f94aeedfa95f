// Symlink mode's links: relative, through the one link that names the cache
// entry; and the check of an entry's member files, on one thread or two.
#include "catch_compat.hpp"
#include "seed/member_tree_check.hpp"
#include "seed/package_linking.hpp"
#include "test_support.hpp"
#include "util/cache_directory.hpp"
#include "util/platform.hpp"

#include <boost/filesystem/operations.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <sys/stat.h>

using namespace cppvenv;
namespace fs = boost::filesystem;

TEST_CASE("a symlink's target goes up to the anchor's folder, then through the anchor") {
    const std::string anchor = "lib/python3.12/site-packages/pip-1.0.dist-info/cppvenv-cache";
    CHECK(target_through_anchor(anchor, "lib/python3.12/site-packages/pip/_internal/cli/main.py",
                                "pip/_internal/cli/main.py") ==
          "../../../pip-1.0.dist-info/cppvenv-cache/pip/_internal/cli/main.py");
    // Files of the anchor's own folder and of site-packages, a folder linked whole.
    CHECK(target_through_anchor(anchor, "lib/python3.12/site-packages/pip-1.0.dist-info/METADATA",
                                "pip-1.0.dist-info/METADATA") ==
          "cppvenv-cache/pip-1.0.dist-info/METADATA");
    CHECK(target_through_anchor(anchor, "lib/python3.12/site-packages/six.py", "six.py") ==
          "pip-1.0.dist-info/cppvenv-cache/six.py");
    CHECK(target_through_anchor(anchor, "lib/python3.12/site-packages/pip/_internal",
                                "pip/_internal") ==
          "../pip-1.0.dist-info/cppvenv-cache/pip/_internal");
    // Outside site-packages (a .data/ member): up to the folders both share.
    CHECK(target_through_anchor(anchor, "include/site/python3.12/pip/h.h",
                                "pip-1.0.data/headers/h.h") ==
          "../../../../lib/python3.12/site-packages/pip-1.0.dist-info/cppvenv-cache/"
          "pip-1.0.data/headers/h.h");
    CHECK(target_through_anchor(anchor, "top.txt", "pip-1.0.data/data/top.txt") ==
          "lib/python3.12/site-packages/pip-1.0.dist-info/cppvenv-cache/pip-1.0.data/data/top.txt");
    // Whole names only: "lib/python3.1" is not a folder of "lib/python3.12".
    CHECK(target_through_anchor("lib/python3.12/.a", "lib/python3.1/x.py", "x.py") ==
          "../python3.12/.a/x.py");
}

TEST_CASE("folders whose routes through the package's anchor are past the inode get an anchor "
          "of their own, made with their first file") {
    const std::string site = "lib/python3.12/site-packages";
    // Each member, and where it goes below site-packages (a script: bin/).
    const std::vector<std::pair<std::string, std::string>> placed = {
        {"pip/__init__.py", "pip/__init__.py"},
        {"pip/_internal/cli/main.py", "pip/_internal/cli/main.py"},
        {"pip/_internal/cli/parser.py", "pip/_internal/cli/parser.py"},
        {"pip/_vendor/rich/x.py", "pip/_vendor/rich/x.py"},
        {"pip-1.0.data/purelib/pip/_vendor/rich/y.py", "pip/_vendor/rich/y.py"},
        {"pip/_internal/req/req_file.py", "pip/_internal/req/req_file.py"}, // alone
        {"pip/_internal/Net/a.py", "pip/_internal/Net/a.py"},
        {"pip/_internal/Net/c.py", "pip/_internal/Net/c.py"},
        {"pip/_internal/net/b.py", "pip/_internal/net/b.py"}, // one folder, spelt two ways
        {"six.py", "six.py"},
        {"pip-1.0.dist-info/METADATA", "pip-1.0.dist-info/METADATA"},
        {"pip-1.0.data/scripts/tool", ""}};
    std::vector<ArchiveMember> members(placed.size());
    WheelContents contents;
    contents.root_dir = site;
    contents.dist_info_dir = "pip-1.0.dist-info";
    for (std::size_t i = 0; i < placed.size(); ++i) {
        members[i].name = placed[i].first;
        WheelFile file;
        file.member = &members[i];
        file.is_script = placed[i].second.empty();
        file.destination = file.is_script ? "bin/tool" : site + "/" + placed[i].second;
        contents.files.push_back(file);
    }
    SymlinkRoutes routes{site + "/pip-1.0.dist-info/cppvenv-cache", {}, {}, {}};
    // ext4's 59 bytes: only pip/_internal/cli has two routes past them and is
    // one member folder spelt one way (pip/_vendor/rich has a file from .data/,
    // pip/ is short enough, req/ has one such file, Net/ and net/ are one folder
    // where case is not told).
    const std::vector<LinkedFolder> anchors =
        add_folder_anchors(contents, routes, "/cache/packs/ab/files", 59);
    REQUIRE(anchors.size() == 1);
    CHECK(anchors[0].destination == site + "/pip/_internal/cli/.cppvenv-cache-pip");
    CHECK(anchors[0].target == "/cache/packs/ab/files/pip/_internal/cli");
    CHECK(anchors[0].made_by_placer);
    CHECK(routes.anchor_made_with ==
          std::map<std::string, std::string, std::less<>>{
              {site + "/pip/_internal/cli/main.py", "/cache/packs/ab/files/pip/_internal/cli"}});
    CHECK(routes.target(site + "/pip/_internal/cli/parser.py", "pip/_internal/cli/parser.py") ==
          ".cppvenv-cache-pip/parser.py");
    CHECK(routes.target(site + "/pip/__init__.py", "pip/__init__.py") ==
          "../pip-1.0.dist-info/cppvenv-cache/pip/__init__.py");
    CHECK(routes.target(site + "/pip/_vendor/rich/x.py", "pip/_vendor/rich/x.py") ==
          "../../../pip-1.0.dist-info/cppvenv-cache/pip/_vendor/rich/x.py");
    // tmpfs keeps 127 bytes: no folder needs one.
    SymlinkRoutes roomy{site + "/pip-1.0.dist-info/cppvenv-cache", {}, {}, {}};
    CHECK(add_folder_anchors(contents, roomy, "/cache/packs/ab/files", 127).empty());
    CHECK(roomy.folders_with_anchor.empty());
}

TEST_CASE("the cache folder is absolute, as symlink mode's links name it") {
    set_cache_directory("relative/cache");
    CHECK(default_cache_directory() == fs::current_path() / "relative/cache");
    set_cache_directory({});
#ifndef _WIN32
    // The XDG spec: a relative XDG_CACHE_HOME is ignored.
    const char* before = std::getenv("XDG_CACHE_HOME");
    const std::string kept = before != nullptr ? before : "";
    ::setenv("XDG_CACHE_HOME", "relative", 1);
    CHECK(default_cache_directory().is_absolute());
    ::setenv("XDG_CACHE_HOME", "/somewhere", 1);
    CHECK(default_cache_directory() == fs::path("/somewhere/cppvenv"));
    if (before != nullptr) {
        ::setenv("XDG_CACHE_HOME", kept.c_str(), 1);
    } else {
        ::unsetenv("XDG_CACHE_HOME");
    }
#endif
}

#ifndef _WIN32

namespace {

// An entry's member tree as the cache leaves it: folders 0555, files 0444.
struct MemberTree {
    testing::TemporaryDirectory folder;
    std::vector<ArchiveMember> members;
    int top = -1;

    explicit MemberTree(int count) {
        for (int i = 0; i < count; ++i) {
            ArchiveMember member;
            member.index = static_cast<std::size_t>(i);
            member.name = fmt::format("pkg/sub{}/m{:03}.py", i / 20, i);
            member.size = 5;
            testing::write_text(folder.path() / member.name, "x = 1", 0444);
            members.push_back(member);
        }
        top = platform::open_directory(folder.path(), platform::FinalSymlink::Refuse);
    }
    ~MemberTree() { platform::close_file(top); }
    std::optional<std::string>
    check(MemberTreeCheck::Threads threads = MemberTreeCheck::Threads::Two) {
        return MemberTreeCheck(top, members, false, threads).finish();
    }
    const std::string& name(int index) const {
        return members[static_cast<std::size_t>(index)].name;
    }
    void damage(int index) const { chmod((folder.path() / name(index)).c_str(), 0666); }
};

} // namespace

TEST_CASE("a member tree's check finds the first damaged member in order, on one thread or two") {
    for (const int count : {20, 300}) {
        INFO(count << " members");
        MemberTree tree(count);
        CHECK_FALSE(tree.check());
        fs::remove(tree.folder.path() / tree.name(count - 3));
        CHECK(tree.check() ==
              fmt::format("{} is missing, changed or not read-only", tree.name(count - 3)));
    }
    // Runs of 64 members are taken in turn by two threads: the first member in
    // order that fails is the last of the first run, and the first member of
    // every later run fails too, so whichever thread takes a later run finds
    // its failure at once, before the first run's is reached.
    if (platform::available_cores() < 2) {
        WARN("one processor here: the check runs on one thread, so the order between two is not "
             "tested");
    }
    MemberTree tree(320);
    for (const int first : {63, 64, 128, 192, 256}) {
        tree.damage(first);
    }
    const std::string expected =
        fmt::format("{} is missing, changed or not read-only", tree.name(63));
    for (int round = 0; round < 50; ++round) {
        INFO("round " << round);
        REQUIRE(tree.check() == expected);
    }
    CHECK(tree.check(MemberTreeCheck::Threads::One) == expected);
}

TEST_CASE("a member tree's check refuses a folder others may write to") {
    MemberTree tree(200);
    chmod((tree.folder.path() / "pkg/sub7").c_str(), 0777);
    CHECK(tree.check() == "the folder of pkg/sub7/m140.py is missing, not yours or writable by "
                          "others");
}

TEST_CASE("a member tree's check is told a problem found before it began") {
    CHECK(MemberTreeCheck("its files are missing").finish() == "its files are missing");
}

#endif
