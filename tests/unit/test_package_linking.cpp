// Symlink mode's links: relative, through the one link that names the cache
// entry; and the check of an entry's member files, on one thread or two.
#include "catch_compat.hpp"
#include "seed/member_tree_check.hpp"
#include "seed/package_linking.hpp"
#include "test_support.hpp"
#include "util/platform.hpp"

#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
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
    std::optional<std::string> check() { return MemberTreeCheck(top, members, false).finish(); }
};

} // namespace

TEST_CASE("a member tree's check finds the first damaged member in order, on one thread or two") {
    // 300 members are looked at on two threads where there are two
    // processors: runs of 64 in turn, so a late run may end before an early one.
    for (const int count : {20, 300}) {
        INFO(count << " members");
        MemberTree tree(count);
        CHECK_FALSE(tree.check());
        const int early = count / 4;
        const int late = count - 3;
        // The late member missing, the early one writable by others.
        fs::remove(tree.folder.path() / tree.members[static_cast<std::size_t>(late)].name);
        CHECK(tree.check() == fmt::format("{} is missing, changed or not read-only",
                                          tree.members[static_cast<std::size_t>(late)].name));
        chmod((tree.folder.path() / tree.members[static_cast<std::size_t>(early)].name).c_str(),
              0666);
        for (int round = 0; round < 20; ++round) {
            CHECK(tree.check() == fmt::format("{} is missing, changed or not read-only",
                                              tree.members[static_cast<std::size_t>(early)].name));
        }
    }
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
