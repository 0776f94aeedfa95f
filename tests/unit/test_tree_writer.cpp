// The one fd-relative writer: nothing it writes, reads or deletes can be
// redirected by a symlink inside its root.
#include "catch_compat.hpp"
#include "python/facts_validation.hpp"
#include "python/python_child.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/tree_writer.hpp"

#include <boost/filesystem/operations.hpp>
#include <cstdlib>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
using cppvenv::testing::write_text;
namespace fs = boost::filesystem;

TEST_CASE("tree writer makes folders and files, and replaces atomically") {
    TemporaryDirectory temporary;
    TreeWriter tree(temporary.path());
    tree.write_file("a/b/c.txt", "one", 0644, Existing::Refuse);
    CHECK(read_file(temporary.path() / "a/b/c.txt") == std::optional<std::string>("one"));
    CHECK_THROWS_AS(tree.write_file("a/b/c.txt", "two", 0644, Existing::Refuse), Error);
    tree.write_file("a/b/c.txt", "two", 0644, Existing::Replace);
    CHECK(read_file(temporary.path() / "a/b/c.txt") == std::optional<std::string>("two"));
    CHECK(tree.list_folder("a/b") == std::vector<std::string>{"c.txt"}); // no temporary left
    tree.make_symlink("a/link", "b/c.txt", Existing::Refuse);
    tree.make_symlink("a/link", "b", Existing::Replace);
    CHECK(fs::read_symlink(temporary.path() / "a/link") == "b");
}

TEST_CASE("tree writer never writes, reads or deletes through a symlinked folder") {
    TemporaryDirectory temporary;
    const fs::path outside = temporary.path() / "outside";
    write_text(outside / "secret.txt", "keep");
    fs::create_directories(temporary.path() / "root/lib");
    fs::create_symlink(outside, temporary.path() / "root/lib/data");
    TreeWriter tree(temporary.path() / "root");
    CHECK_THROWS_WITH(tree.write_file("lib/data/new.txt", "x", 0644, Existing::Replace),
                      Catch::Contains("is not a folder"));
    CHECK_FALSE(tree.remove_file("lib/data/secret.txt"));
    CHECK_FALSE(tree.read_file("lib/data/secret.txt").has_value());
    CHECK(tree.list_folder("lib/data").empty());
    CHECK(tree.remove_tree("lib"));
    CHECK(read_file(outside / "secret.txt") == std::optional<std::string>("keep"));
    CHECK_FALSE(fs::exists(temporary.path() / "root/lib"));
    CHECK_FALSE(fs::exists(outside / "new.txt"));
}

TEST_CASE("tree writer refuses paths that leave its root") {
    TemporaryDirectory temporary;
    TreeWriter tree(temporary.path());
    for (const char* path : {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "", "a\\b"}) {
        INFO(path);
        CHECK_THROWS_AS(tree.write_file(path, "x", 0644, Existing::Replace), Error);
    }
}

TEST_CASE("facts with a layout path that leaves the venv are unsafe") {
    InterpreterFacts facts = cppvenv::testing::debian_python3_facts();
    CHECK_FALSE(unsafe_fact(facts).has_value());
    for (const char* bad : {"../escape", "/abs", "bin/../..", "", "a//b", "./bin"}) {
        InterpreterFacts changed = facts;
        changed.scripts_dir = bad;
        INFO(bad);
        CHECK(unsafe_fact(changed).has_value());
    }
    InterpreterFacts wheel = facts;
    wheel.ensurepip_wheels = {{"pip", "1", "relative/pip.whl"}};
    CHECK(unsafe_fact(wheel).has_value());
    wheel.ensurepip_wheels = {{"pip", "1", "/usr/share/../../tmp/pip.whl"}};
    CHECK(unsafe_fact(wheel).has_value());
    InterpreterFacts library = facts;
    library.shared_libraries_beside_executable = {"../libpypy.so"};
    CHECK(unsafe_fact(library).has_value());
}

TEST_CASE("visible() shows control characters and bytes that are not UTF-8 as escapes") {
    CHECK(visible("plain é 🐍") == "plain é 🐍");
    CHECK(visible("a\x1b[2Jb") == "a\\x1b[2Jb");
    CHECK(visible(std::string("n\0l\x7f", 4)) == "n\\x00l\\x7f");
    CHECK(visible("\xc2\x9b"
                  "31m") == "\\u009b31m"); // C1 CSI
    CHECK(visible("\xff\xfe") == "\\xff\\xfe");
    CHECK(visible("\xed\xa0\x80") == "\\xed\\xa0\\x80"); // a surrogate is not UTF-8
}

TEST_CASE("a tree writer's temporary names are told from the user's files") {
    CHECK(is_tree_writer_temporary(".cppvenv-tmp-18560-2"));
    CHECK_FALSE(is_tree_writer_temporary(".cppvenv-tmp-18560"));
    CHECK_FALSE(is_tree_writer_temporary(".cppvenv-tmp--2"));
    CHECK_FALSE(is_tree_writer_temporary(".cppvenv-tmp-1-2-3"));
    CHECK_FALSE(is_tree_writer_temporary(".cppvenv-tmp-1-x"));
    CHECK_FALSE(is_tree_writer_temporary("notes.txt"));
}

TEST_CASE("lexical folding of '/'-separated paths refuses or stops at the top") {
    using Parts = std::vector<std::string>;
    CHECK(fold_slash_path("a/./b//c/../d", AboveTop::Refuse) == Parts{"a", "b", "d"});
    CHECK_FALSE(fold_slash_path("a/../../b", AboveTop::Refuse).has_value());
    CHECK(fold_slash_path("/../a/b/..", AboveTop::StayAtTop) == Parts{"a"});
}

TEST_CASE("the inspection timeout is 30 s unless CPPVENV_INTERPRETER_TIMEOUT sets another") {
    ::unsetenv("CPPVENV_INTERPRETER_TIMEOUT");
    CHECK(inspection_timeout() == std::chrono::seconds(30));
    ::setenv("CPPVENV_INTERPRETER_TIMEOUT", "2.5", 1);
    CHECK(inspection_timeout() == std::chrono::milliseconds(2500));
    ::setenv("CPPVENV_INTERPRETER_TIMEOUT", "soon", 1);
    CHECK_THROWS_AS(inspection_timeout(), Error);
    ::unsetenv("CPPVENV_INTERPRETER_TIMEOUT");
}
