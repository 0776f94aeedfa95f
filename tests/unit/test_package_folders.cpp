// Symlink mode's whole package folders: which folders, and under which pip.
#include "catch_compat.hpp"
#include "seed/package_folders.hpp"

#include <map>

using namespace cppvenv;
namespace fs = boost::filesystem;

namespace {

// A wheel whose members are the given texts.
class TextWheel : public WheelSource {
public:
    explicit TextWheel(std::map<std::string, std::string> texts) : texts_(std::move(texts)) {
        for (const auto& [name, text] : texts_) {
            ArchiveMember member;
            member.index = members_.size();
            member.name = name;
            member.size = text.size();
            members_.push_back(member);
        }
    }
    const std::vector<ArchiveMember>& members() const override { return members_; }
    const fs::path& path() const override { return path_; }
    std::string read_all(const ArchiveMember& member) const override {
        return texts_.at(member.name);
    }

private:
    std::map<std::string, std::string> texts_;
    std::vector<ArchiveMember> members_;
    fs::path path_ = "pip-24.0-py3-none-any.whl";
};

const std::string upstream_is_local = R"(
def is_local(path: str) -> bool:
    """
    Return True if path is within sys.prefix, if we're running in a virtualenv.
    """
    if not running_under_virtualenv():
        return True
    return path.startswith(normalize_path(sys.prefix))


def write_output(msg: Any, *args: Any) -> None:
    logger.info(msg, *args)
)";

// Debian's hands-off-system-packages patch.
const std::string debian_is_local = R"(
def is_local(path: str) -> bool:
    """
    Return True if this is a path pip is allowed to modify.
    """

    path = normalize_path(path)
    # Hard-coded becouse PyPy uses a different sys.prefix on Debian
    prefix = '/usr'

    if running_under_virtualenv():
        return path.startswith(normalize_path(sys.prefix))
)";

bool removes_links(const std::string& misc) {
    return pip_removes_folder_links(
        TextWheel(std::map<std::string, std::string>{{"pip/_internal/utils/misc.py", misc}}));
}

} // namespace

TEST_CASE("package folders: upstream pip removes a folder link, Debian's and unknown ones do not") {
    CHECK(removes_links(upstream_is_local));
    CHECK_FALSE(removes_links(debian_is_local));
    // normalize_path(path) elsewhere in the file is not is_local's.
    CHECK(
        removes_links(upstream_is_local + "\ndef other(path):\n    return normalize_path(path)\n"));
    CHECK_FALSE(removes_links("def something_else():\n    pass\n"));
    CHECK_FALSE(pip_removes_folder_links(
        TextWheel(std::map<std::string, std::string>{{"pip/__init__.py", ""}})));
}

TEST_CASE("package folders: the folders below a package folder whose every file is a member at "
          "the same path") {
    const char* names[] = {"demo/__init__.py",
                           "demo/sub/x.py",
                           "demo/sub/deeper/y.py",
                           "top.py",
                           "demo-1.0.dist-info/METADATA",
                           "demo-1.0.dist-info/licenses/LICENSE",
                           "mixed/part/a.py",
                           "demo-1.0.data/purelib/mixed/part/b.py",
                           "demo-1.0.data/scripts/run",
                           "other/c/d.py",
                           "demo/__pycache__/z.pyc"};
    std::vector<ArchiveMember> members(std::size(names));
    for (std::size_t i = 0; i < members.size(); ++i) {
        members[i].index = i;
        members[i].name = names[i];
    }
    const std::string site = "lib/python3.12/site-packages";
    const std::vector<std::string> destinations = {site + "/demo/__init__.py",
                                                   site + "/demo/sub/x.py",
                                                   site + "/demo/sub/deeper/y.py",
                                                   site + "/top.py",
                                                   site + "/demo-1.0.dist-info/METADATA",
                                                   site + "/demo-1.0.dist-info/licenses/LICENSE",
                                                   site + "/mixed/part/a.py",
                                                   site + "/mixed/part/b.py",
                                                   "bin/run",
                                                   site + "/other/c/d.py",
                                                   site + "/demo/__pycache__/z.pyc"};
    WheelContents contents;
    contents.dist_info_dir = "demo-1.0.dist-info";
    contents.root_dir = site;
    for (std::size_t i = 0; i < members.size(); ++i) {
        contents.files.push_back({&members[i], destinations[i], "", i == 8});
    }
    const std::vector<LinkedFolder> folders = take_linkable_folders(contents);
    REQUIRE(folders.size() == 2);
    CHECK(folders[0].destination == site + "/demo/sub");
    CHECK(folders[0].member_folder == "demo/sub");
    CHECK(folders[1].destination == site + "/other/c");
    std::vector<std::string> left;
    for (const WheelFile& file : contents.files) {
        left.push_back(file.destination);
    }
    // Files of a package folder itself or of the root, the .dist-info, a
    // folder with a .data member, a script, a __pycache__.
    CHECK(left == std::vector<std::string>{site + "/demo/__init__.py", site + "/top.py",
                                           site + "/demo-1.0.dist-info/METADATA",
                                           site + "/demo-1.0.dist-info/licenses/LICENSE",
                                           site + "/mixed/part/a.py", site + "/mixed/part/b.py",
                                           "bin/run", site + "/demo/__pycache__/z.pyc"});
}
