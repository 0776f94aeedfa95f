// install_wheel on small wheels made here with libzip, good and hostile.
#include "catch_compat.hpp"
#include "seed/install_wheels.hpp"
#include "seed/previous_install.hpp"
#include "seed/record_hash.hpp"
#include "seed/wheel_cache.hpp"
#include "seed/wheel_metadata.hpp"
#include "seed/wheel_pack.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/tree_writer.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <list>
#include <sys/stat.h>
#include <zip.h>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

namespace {

struct Member {
    std::string name;
    std::string contents;
    unsigned unix_mode = S_IFREG | 0644;
};

// A wheel of `members`; a RECORD listing each with its true hash is added unless
// `record` is given.
void write_wheel(
    const fs::path& path, const std::vector<Member>& members,
    std::optional<std::string> record = std::nullopt,
    const std::string& dist_info = "demo-1.0.dist-info",
    const std::string& wheel_metadata = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n") {
    std::list<Member> all(members.begin(), members.end());
    all.push_back({dist_info + "/WHEEL", wheel_metadata});
    if (!record) {
        record = "";
        for (const Member& member : all) {
            *record += member.name + "," + record_hash_of(member.contents) + "," +
                       std::to_string(member.contents.size()) + "\n";
        }
        *record += dist_info + "/RECORD,,\n";
    }
    all.push_back({dist_info + "/RECORD", *record});
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    for (const Member& member : all) {
        zip_source_t* source =
            zip_source_buffer(archive, member.contents.data(), member.contents.size(), 0);
        const zip_int64_t index = zip_file_add(archive, member.name.c_str(), source, 0);
        REQUIRE(index >= 0);
        zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0,
                                         ZIP_OPSYS_UNIX, member.unix_mode << 16);
    }
    REQUIRE(zip_close(archive) == 0);
}

SeedLayout layout_in(const fs::path& root) {
    SeedLayout layout;
    layout.build_root = root;
    layout.final_root = "/final/venv";
    layout.scripts_dir = "bin";
    layout.purelib_dir = "lib/python3.12/site-packages";
    layout.platlib_dir = layout.purelib_dir;
    layout.headers_dir = "include/site/python3.12";
    layout.python_in_venv = "bin/python3.12";
    layout.python_major = 3;
    layout.python_minor = 12;
    return layout;
}

std::string read(const fs::path& path) {
    return read_file(path).value_or("<missing>");
}

size_t count_files(const fs::path& root) {
    size_t count = 0;
    for (fs::recursive_directory_iterator it(root), end; it != end; ++it) {
        count += fs::is_directory(it->symlink_status()) ? 0 : 1;
    }
    return count;
}

const std::vector<Member> demo_members = {
    {"demo/__init__.py", "print('hi')\n"},
    {"demo/tool.sh", "#!/bin/sh\n", S_IFREG | 0755},
    {"demo-1.0.dist-info/METADATA", "Name: demo\nVersion: 1.0\n"},
    {"demo-1.0.dist-info/entry_points.txt", "[console_scripts]\ndemo = demo:main\n"},
    {"demo-1.0.data/scripts/demo-script", "#!python\nprint('script')\n"},
    {"demo-1.0.data/headers/demo.h", "int demo;\n"},
    {"demo-1.0.data/data/share/demo.txt", "data\n"},
};

} // namespace

TEST_CASE("wheel install writes members, launchers, INSTALLER and a RECORD of every file") {
    TemporaryDirectory temporary;
    write_wheel(temporary.path() / "demo-1.0-py3-none-any.whl", demo_members);
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv);
    install_wheel(temporary.path() / "demo-1.0-py3-none-any.whl", layout_in(venv));

    const fs::path site = venv / "lib/python3.12/site-packages";
    CHECK(read(site / "demo/__init__.py") == "print('hi')\n");
    CHECK(read(site / "demo-1.0.dist-info/INSTALLER") == "pip\n");
    CHECK(read(venv / "include/site/python3.12/demo/demo.h") == "int demo;\n");
    CHECK(read(venv / "share/demo.txt") == "data\n");
    CHECK(read(venv / "bin/demo-script") == "#!/final/venv/bin/python3.12\nprint('script')\n");
    CHECK(read(venv / "bin/demo").rfind("#!/final/venv/bin/python3.12\n", 0) == 0);
    CHECK(is_executable_file(venv / "bin/demo"));
    CHECK(is_executable_file(site / "demo/tool.sh"));
    CHECK_FALSE(is_executable_file(site / "demo/__init__.py"));

    const std::string record = read(site / "demo-1.0.dist-info/RECORD");
    const std::string launcher = read(venv / "bin/demo");
    CHECK(record.find("demo/__init__.py," + record_hash_of("print('hi')\n") + ",12\r\n") !=
          std::string::npos);
    CHECK(record.find("../../../bin/demo," + record_hash_of(launcher) + "," +
                      std::to_string(launcher.size()) + "\r\n") != std::string::npos);
    CHECK(record.find("../../../share/demo.txt,") != std::string::npos);
    CHECK(record.find("../../../include/site/python3.12/demo/demo.h,") != std::string::npos);
    CHECK(record.find("demo-1.0.dist-info/RECORD,,\r\n") != std::string::npos);
    // Every file written is in RECORD, and nothing else.
    size_t rows = 0;
    for (size_t at = 0; (at = record.find('\n', at)) != std::string::npos; ++at) {
        ++rows;
    }
    CHECK(rows == count_files(venv));
}

TEST_CASE("wheel install refuses a member whose hash does not match RECORD") {
    TemporaryDirectory temporary;
    const std::string record = "demo/__init__.py," + record_hash_of("other") + ",12\n" +
                               "demo-1.0.dist-info/WHEEL," +
                               record_hash_of("Wheel-Version: 1.0\nRoot-Is-Purelib: true\n") +
                               ",41\ndemo-1.0.dist-info/RECORD,,\n";
    write_wheel(temporary.path() / "demo.whl", {{"demo/__init__.py", "print('hi')\n"}}, record);
    fs::create_directories(temporary.path() / "venv");
    REQUIRE_THROWS_WITH(
        install_wheel(temporary.path() / "demo.whl", layout_in(temporary.path() / "venv")),
        Catch::Contains("demo/__init__.py does not match its hash"));
}

TEST_CASE("wheel install takes the last of a path's rows in RECORD, as a map would") {
    const std::string metadata = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n";
    const std::string good = "demo/__init__.py," + record_hash_of("print('hi')\n") + ",12\n";
    const std::string bad = "demo/__init__.py," + record_hash_of("other") + ",12\n";
    const std::string rest = "demo-1.0.dist-info/WHEEL," + record_hash_of(metadata) +
                             ",41\ndemo-1.0.dist-info/RECORD,,\n";
    TemporaryDirectory temporary;
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv);
    write_wheel(temporary.path() / "last-good.whl", {{"demo/__init__.py", "print('hi')\n"}},
                bad + rest + good);
    install_wheel(temporary.path() / "last-good.whl", layout_in(venv));
    CHECK(read(venv / "lib/python3.12/site-packages/demo/__init__.py") == "print('hi')\n");

    write_wheel(temporary.path() / "last-bad.whl", {{"demo/__init__.py", "print('hi')\n"}},
                good + rest + bad);
    fs::remove_all(venv);
    fs::create_directories(venv);
    CHECK_THROWS_WITH(install_wheel(temporary.path() / "last-bad.whl", layout_in(venv)),
                      Catch::Contains("demo/__init__.py does not match its hash"));
}

TEST_CASE("wheel install refuses two members that land on one file") {
    TemporaryDirectory temporary;
    write_wheel(temporary.path() / "demo.whl",
                {{"demo/x.py", "a"}, {"demo-1.0.data/purelib/demo/x.py", "b"}});
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv);
    CHECK_THROWS_WITH(
        install_wheel(temporary.path() / "demo.whl", layout_in(venv)),
        Catch::Contains("two members install to lib/python3.12/site-packages/demo/x.py"));
    CHECK(count_files(venv) == 0);
}

TEST_CASE("wheel install refuses a member missing from RECORD") {
    TemporaryDirectory temporary;
    write_wheel(temporary.path() / "demo.whl", {{"demo/__init__.py", ""}},
                "demo-1.0.dist-info/RECORD,,\n");
    fs::create_directories(temporary.path() / "venv");
    REQUIRE_THROWS_WITH(
        install_wheel(temporary.path() / "demo.whl", layout_in(temporary.path() / "venv")),
        Catch::Contains("not listed with a hash in RECORD"));
}

TEST_CASE("wheel install refuses dot-dot, absolute and backslash members and writes nothing") {
    const std::vector<std::string> hostile = {"../../../../escaped.txt", "/tmp/absolute.txt",
                                              "demo/../../x", "demo\\..\\x", "demo//x"};
    for (const std::string& name : hostile) {
        TemporaryDirectory temporary;
        write_wheel(temporary.path() / "evil.whl", {{"demo/ok.py", "ok"}, {name, "owned"}});
        const fs::path venv = temporary.path() / "a/b/c/venv";
        fs::create_directories(venv);
        INFO(name);
        CHECK_THROWS_WITH(install_wheel(temporary.path() / "evil.whl", layout_in(venv)),
                          Catch::Contains("unsafe member name"));
        CHECK(count_files(temporary.path()) == 1); // the wheel only
    }
}

TEST_CASE("no wheel file may be installed where symlink mode keeps its link to the cache") {
    CHECK(is_symlink_anchor_path("lib/python3.12/site-packages/pip-1.0.dist-info/cppvenv-cache"));
    CHECK(is_symlink_anchor_path("lib/site/pip-1.0.dist-info/cppvenv-cache/x.py"));
    CHECK_FALSE(is_symlink_anchor_path("lib/site/pip-1.0.dist-info/cppvenv-cache2"));
    // Every package's folder links (".cppvenv-cache-pip"), in any case.
    CHECK(is_symlink_anchor_path("lib/site/pip/_internal/.cppvenv-cache-pip"));
    CHECK(is_symlink_anchor_path("lib/site/pip/.cppvenv-cache-wheel/x.py"));
    CHECK(is_symlink_anchor_path("lib/site/pip/.CPPVENV-Cache-pip"));
    CHECK(is_symlink_anchor_path("lib/site/pip-1.0.DIST-INFO/CppVenv-Cache"));
    CHECK(is_symlink_anchor_path(".cppvenv-cache"));
    CHECK_FALSE(is_symlink_anchor_path("lib/site/pip/x.cppvenv-cache"));
    CHECK_FALSE(is_symlink_anchor_path("lib/site/pip/cppvenv-cache"));
    CHECK_FALSE(is_symlink_anchor_path("lib/site/pip/cppvenv-cache"));
    // As the wheel's own member, and from .data/ into another package's .dist-info.
    for (const std::string& name : {std::string("demo-1.0.dist-info/cppvenv-cache"),
                                    std::string("demo-1.0.dist-info/cppvenv-cache/x.py"),
                                    std::string("demo-1.0.data/purelib/pip-24.0.dist-info/"
                                                "cppvenv-cache")}) {
        INFO(name);
        TemporaryDirectory temporary;
        write_wheel(temporary.path() / "evil.whl", {{"demo/ok.py", "ok"}, {name, "x"}});
        const fs::path venv = temporary.path() / "venv";
        fs::create_directories(venv);
        CHECK_THROWS_WITH(
            install_wheel(temporary.path() / "evil.whl", layout_in(venv)),
            Catch::Contains("the name cppvenv keeps for its link to the wheel cache"));
        CHECK(count_files(temporary.path()) == 1); // the wheel only
    }
}

TEST_CASE("wheel install refuses every symlink member, inside the venv or not") {
    TemporaryDirectory temporary;
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv);
    const std::vector<std::vector<Member>> wheels = {
        {{"demo/link", "../../../../../../etc/passwd", S_IFLNK | 0777}},
        {{"demo/link", "/etc", S_IFLNK | 0777}},
        {{"demo/link", "..", S_IFLNK | 0777}, {"demo/link/x.py", "x"}},
        {{"demo/real.py", "x"}, {"demo/alias.py", "real.py", S_IFLNK | 0777}},
        // The chain of issue 11: each link folds inside on its own, together
        // they lead out, and lib64 -> lib adds one more hop.
        {{"a/b/c/s1", "../../..", S_IFLNK | 0777},
         {"out", "a/b/c/s1/../../../../../../../outside", S_IFLNK | 0777},
         {"demo-1.0.data/data/lib64/python3.12/site-packages/out/PWNED.txt", "pwned"}},
    };
    for (const auto& members : wheels) {
        write_wheel(temporary.path() / "evil.whl", members);
        CHECK_THROWS_WITH(install_wheel(temporary.path() / "evil.whl", layout_in(venv)),
                          Catch::Contains("is a symlink"));
    }
    CHECK(!fs::exists(temporary.path() / "outside"));
    CHECK(count_files(venv) == 0);
}

TEST_CASE("wheel install in place never writes through a symlinked folder of the venv") {
    TemporaryDirectory temporary;
    write_wheel(temporary.path() / "demo.whl", {{"demo/__init__.py", "ours"}});
    const fs::path venv = temporary.path() / "venv";
    const fs::path other = temporary.path() / "other_project/pkg";
    fs::create_directories(other);
    cppvenv::testing::write_text(other / "__init__.py", "theirs");
    fs::create_directories(venv / "lib/python3.12/site-packages");
    fs::create_symlink(other, venv / "lib/python3.12/site-packages/demo");
    SeedLayout in_place = layout_in(venv);
    in_place.write_mode = WriteMode::ReplaceAtomically;
    CHECK_THROWS_WITH(install_wheel(temporary.path() / "demo.whl", in_place),
                      Catch::Contains("is not a folder"));
    CHECK(read(other / "__init__.py") == "theirs");
}

TEST_CASE("wheel install refuses an unknown .data folder and a wheel without .dist-info") {
    TemporaryDirectory temporary;
    fs::create_directories(temporary.path() / "venv");
    write_wheel(temporary.path() / "a.whl", {{"demo-1.0.data/elsewhere/x", "x"}});
    CHECK_THROWS_WITH(
        install_wheel(temporary.path() / "a.whl", layout_in(temporary.path() / "venv")),
        Catch::Contains("unknown .data folder"));
    const fs::path not_a_zip = temporary.path() / "b.whl";
    cppvenv::testing::write_text(not_a_zip, "not a zip");
    CHECK_THROWS_WITH(install_wheel(not_a_zip, layout_in(temporary.path() / "venv")),
                      Catch::Contains("cannot open the wheel"));
}

TEST_CASE("wheel install into a staging folder refuses to overwrite an existing file") {
    TemporaryDirectory temporary;
    write_wheel(temporary.path() / "demo.whl", {{"demo/__init__.py", "x"}});
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv / "lib/python3.12/site-packages/demo");
    fs::create_symlink("/etc/hostname", venv / "lib/python3.12/site-packages/demo/__init__.py");
    CHECK_THROWS_AS(install_wheel(temporary.path() / "demo.whl", layout_in(venv)), Error);
    // In place, a name no older install of the project owns is refused too.
    SeedLayout in_place = layout_in(venv);
    in_place.write_mode = WriteMode::ReplaceAtomically;
    CHECK_THROWS_WITH(install_wheel(temporary.path() / "demo.whl", in_place),
                      Catch::Contains("refusing to replace"));
    CHECK(fs::is_symlink(venv / "lib/python3.12/site-packages/demo/__init__.py"));
    // An older demo's: replaced (the link itself, never written through).
    fs::create_directories(venv / "lib/python3.12/site-packages/demo-0.1.dist-info");
    cppvenv::testing::write_text(venv / "lib/python3.12/site-packages/demo-0.1.dist-info/RECORD",
                                 "demo/__init__.py,,\n");
    install_wheel(temporary.path() / "demo.whl", in_place);
    CHECK_FALSE(fs::is_symlink(venv / "lib/python3.12/site-packages/demo/__init__.py"));
    CHECK(read(venv / "lib/python3.12/site-packages/demo/__init__.py") == "x");
}

TEST_CASE("wheel install in place: a wheel that fails its RECORD check leaves the older install") {
    TemporaryDirectory temporary;
    const fs::path venv = temporary.path() / "venv";
    const fs::path site = venv / "lib/python3.12/site-packages";
    fs::create_directories(site / "demo-0.1.dist-info");
    fs::create_directories(site / "demo");
    cppvenv::testing::write_text(site / "demo/__init__.py", "old");
    cppvenv::testing::write_text(site / "demo-0.1.dist-info/RECORD",
                                 "demo/__init__.py,,\ndemo-0.1.dist-info/RECORD,,\n");
    // Its last member does not match RECORD: the first ones would be written
    // before a single pass meets it.
    const std::string wheel_file = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n";
    write_wheel(temporary.path() / "demo.whl", {{"demo/__init__.py", "new"}, {"demo/z.py", "z"}},
                "demo/__init__.py," + record_hash_of("new") + ",3\ndemo/z.py," +
                    record_hash_of("y") + ",1\ndemo-1.0.dist-info/WHEEL," +
                    record_hash_of(wheel_file) + "," + std::to_string(wheel_file.size()) +
                    "\ndemo-1.0.dist-info/RECORD,,\n");
    SeedLayout in_place = layout_in(venv);
    in_place.write_mode = WriteMode::ReplaceAtomically;
    CHECK_THROWS_WITH(install_wheel(temporary.path() / "demo.whl", in_place),
                      Catch::Contains("does not match its hash in RECORD"));
    CHECK(read(site / "demo/__init__.py") == "old");
    CHECK(fs::exists(site / "demo-0.1.dist-info/RECORD"));
    CHECK_FALSE(fs::exists(site / "demo/z.py"));
    CHECK_FALSE(fs::exists(site / "demo-1.0.dist-info"));
}

TEST_CASE("a WHEEL file that ends in an empty Root-Is-Purelib installs into platlib") {
    TemporaryDirectory temporary;
    const fs::path wheel = temporary.path() / "demo.whl";
    SeedLayout layout = layout_in(temporary.path() / "venv");
    layout.platlib_dir = "lib64/python3.12/site-packages";
    fs::create_directories(temporary.path() / "venv");
    write_wheel(wheel, {{"demo/__init__.py", "x"}}, std::nullopt, "demo-1.0.dist-info",
                "Wheel-Version: 1.0\nRoot-Is-Purelib:");
    install_wheel(wheel, layout);
    CHECK(read(temporary.path() / "venv/lib64/python3.12/site-packages/demo/__init__.py") == "x");
}

TEST_CASE("Root-Is-Purelib is read as a header, in any case, only among the headers") {
    CHECK(wheel_root_is_purelib("Wheel-Version: 1.0\r\nroot-is-purelib:  TRUE \r\n"));
    CHECK_FALSE(wheel_root_is_purelib("Wheel-Version: 1.0\nRoot-Is-Purelib: false\n"));
    CHECK_FALSE(wheel_root_is_purelib("Generator: Root-Is-Purelib: true\nRoot-Is-Purelib: no\n"));
    CHECK(wheel_root_is_purelib("Wheel-Version: 1.0\n\nRoot-Is-Purelib: false\n"));
    CHECK(wheel_root_is_purelib(""));
}

TEST_CASE("in place, an older version is uninstalled first and a same one is left alone") {
    TemporaryDirectory temporary;
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv);
    write_wheel(temporary.path() / "old.whl",
                {{"demo/__init__.py", "old"}, {"demo/only_old.py", "x"}}, std::nullopt,
                "demo-1.0.dist-info");
    write_wheel(temporary.path() / "new.whl", {{"demo/__init__.py", "new"}}, std::nullopt,
                "demo-2.0.dist-info");
    install_wheel(temporary.path() / "old.whl", layout_in(venv));
    const fs::path site = venv / "lib/python3.12/site-packages";
    cppvenv::testing::write_text(site / "demo/__pycache__/only_old.cpython-312.pyc", "pyc");
    cppvenv::testing::write_text(site / "unrelated.txt", "keep");

    SeedLayout in_place = layout_in(venv);
    in_place.write_mode = WriteMode::ReplaceAtomically;
    CHECK(install_wheel(temporary.path() / "new.whl", in_place).file_count > 0);
    CHECK(read(site / "demo/__init__.py") == "new");
    CHECK_FALSE(fs::exists(site / "demo/only_old.py"));
    CHECK_FALSE(fs::exists(site / "demo/__pycache__"));
    CHECK_FALSE(fs::exists(site / "demo-1.0.dist-info"));
    CHECK(read(site / "unrelated.txt") == "keep");

    CHECK(install_wheel(temporary.path() / "old.whl", in_place).file_count == 0);
    CHECK(read(site / "demo/__init__.py") == "new");
}

TEST_CASE("a wheel's own INSTALLER is replaced by the installer's") {
    TemporaryDirectory temporary;
    write_wheel(temporary.path() / "demo.whl",
                {{"demo/__init__.py", ""}, {"demo-1.0.dist-info/INSTALLER", "other\n"}});
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv);
    install_wheel(temporary.path() / "demo.whl", layout_in(venv));
    CHECK(read(venv / "lib/python3.12/site-packages/demo-1.0.dist-info/INSTALLER") == "pip\n");
}

TEST_CASE("through the wheel cache, every link mode installs what the wheel itself installs") {
    TemporaryDirectory temporary;
    const fs::path wheel = temporary.path() / "demo-1.0-py3-none-any.whl";
    write_wheel(wheel, demo_members);
    const fs::path straight = temporary.path() / "straight";
    fs::create_directories(straight);
    install_wheel(wheel, layout_in(straight));
    WheelCache cache(temporary.path() / "cache");
    REQUIRE(cache.usable());
    const std::string sha256 = cache.wheel_sha256(wheel);
    CHECK(sha256.size() == 64);
    for (PackageLinkMode mode : {PackageLinkMode::Clone, PackageLinkMode::Copy,
                                 PackageLinkMode::Hardlink, PackageLinkMode::Symlink}) {
        INFO(package_link_mode_name(mode));
        const fs::path venv = temporary.path() / package_link_mode_name(mode);
        fs::create_directories(venv);
        SeedLayout layout = layout_in(venv);
        layout.link_mode = mode;
        install_wheel_through_cache(wheel, sha256, layout, cache);
        const std::string site = "lib/python3.12/site-packages/";
        for (const char* file : {"demo/__init__.py", "demo/tool.sh", "demo-1.0.dist-info/METADATA",
                                 "demo-1.0.dist-info/INSTALLER"}) {
            INFO(file);
            CHECK(read(venv / site / file) == read(straight / site / file));
        }
        // Symlink mode's RECORD has one more row: the one link that names the
        // cache entry, which pip's uninstall then removes with the rest.
        std::string record = read(venv / site / "demo-1.0.dist-info/RECORD");
        const std::string anchor_row = "demo-1.0.dist-info/cppvenv-cache,,\r\n";
        const std::string::size_type anchor_at = record.find(anchor_row);
        CHECK((anchor_at != std::string::npos) == (mode == PackageLinkMode::Symlink));
        if (anchor_at != std::string::npos) {
            record.erase(anchor_at, anchor_row.size());
            CHECK(fs::read_symlink(venv / site / "demo-1.0.dist-info/cppvenv-cache") ==
                  temporary.path() / "cache/packs" / sha256 / "files");
            CHECK(fs::read_symlink(venv / site / "demo/__init__.py") ==
                  "../demo-1.0.dist-info/cppvenv-cache/demo/__init__.py");
        }
        CHECK(record == read(straight / site / "demo-1.0.dist-info/RECORD"));
        CHECK(read(venv / "bin/demo-script") == read(straight / "bin/demo-script"));
        CHECK(is_executable_file(venv / site / "demo/tool.sh"));
        CHECK(fs::is_symlink(venv / site / "demo/__init__.py") ==
              (mode == PackageLinkMode::Symlink));
        // Scripts and RECORD hold the venv's paths: never linked.
        CHECK_FALSE(fs::is_symlink(venv / "bin/demo-script"));
        CHECK(fs::hard_link_count(venv / site / "demo-1.0.dist-info/RECORD") == 1);
        if (mode != PackageLinkMode::Symlink) { // (the count of a symlink's target)
            CHECK((fs::hard_link_count(venv / site / "demo/__init__.py") > 1) ==
                  (mode == PackageLinkMode::Hardlink));
        }
    }
    const fs::path entry = temporary.path() / "cache/packs" / sha256;
    CHECK((fs::status(entry / "files/demo/__init__.py").permissions() & 0777) == 0444);
    CHECK((fs::status(entry / "files/demo/tool.sh").permissions() & 0777) == 0555);
    CHECK((fs::status(entry / "files/demo").permissions() & 0777) == 0555);
}

TEST_CASE("a wheel whose hash does not match RECORD never becomes a cache entry") {
    TemporaryDirectory temporary;
    const fs::path wheel = temporary.path() / "demo-1.0-py3-none-any.whl";
    write_wheel(wheel, {{"demo/__init__.py", "x"}},
                "demo/__init__.py," + record_hash_of("y") + ",1\ndemo-1.0.dist-info/WHEEL," +
                    record_hash_of("Wheel-Version: 1.0\nRoot-Is-Purelib: true\n") + ",\n");
    const fs::path venv = temporary.path() / "venv";
    fs::create_directories(venv);
    WheelCache cache(temporary.path() / "cache");
    CHECK_THROWS_AS(
        install_wheel_through_cache(wheel, cache.wheel_sha256(wheel), layout_in(venv), cache),
        Error);
    std::vector<std::string> names;
    for (fs::directory_iterator it(temporary.path() / "cache/packs"), end; it != end; ++it) {
        names.push_back(it->path().filename().string());
    }
    CHECK(names == std::vector<std::string>{".digests"}); // no entry, no temporary folder
}

TEST_CASE("an unpacked wheel's manifest is whole only with its end line and its wheel's sha256") {
    ArchiveMember member;
    member.name = "demo/__init__.py";
    member.size = 12;
    member.is_executable = true;
    const std::string text = format_unpacked_manifest("abc", {member});
    const auto parsed = parse_unpacked_manifest(text, "abc");
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 1);
    CHECK(parsed->front().name == "demo/__init__.py");
    CHECK(parsed->front().size == 12);
    CHECK(parsed->front().is_executable);
    CHECK_FALSE(parse_unpacked_manifest(text, "abd"));
    CHECK_FALSE(parse_unpacked_manifest(text.substr(0, text.rfind("end")), "abc"));
    CHECK_FALSE(parse_unpacked_manifest(text + "extra\n", "abc"));
    std::string wrong_count = text;
    wrong_count.replace(wrong_count.rfind("end 1"), 5, "end 2");
    CHECK_FALSE(parse_unpacked_manifest(wrong_count, "abc"));
    CHECK(parse_package_link_mode("hardlink") == PackageLinkMode::Hardlink);
    CHECK_FALSE(parse_package_link_mode("reflink"));
}

TEST_CASE("a pack puts each member on a block boundary, and clones take whole blocks or the end") {
    std::vector<ArchiveMember> members(3);
    members[0].size = 5;
    members[1].size = pack_alignment; // exactly one block
    members[2].size = 10;
    const PackLayout layout(members);
    CHECK(layout.offsets == std::vector<std::uint64_t>{0, pack_alignment, 2 * pack_alignment});
    CHECK(layout.size == 2 * pack_alignment + 10);
    const FileRange first = layout.range(0, 5);
    CHECK(first.offset == 0);
    CHECK(first.length == 5);
    CHECK(first.clone_length == pack_alignment);
    CHECK(layout.range(1, pack_alignment).clone_length == pack_alignment);
    CHECK(layout.range(2, 10).clone_length == 10); // the pack's last bytes

    // PackWriter lays the bytes out where PackLayout says they are, whatever
    // order the members come in, and refuses bytes past a member's size.
    TemporaryDirectory temporary;
    TreeWriter writer(temporary.path());
    PackWriter pack(writer.open_file("pack", 0644, Existing::Refuse), members);
    const std::vector<std::string> contents = {"hello", std::string(pack_alignment, 'b'),
                                               "0123456789"};
    for (const std::size_t position : {2, 0, 1}) {
        pack.write(position, 3, std::string_view(contents[position]).substr(3));
        pack.write(position, 0, std::string_view(contents[position]).substr(0, 3));
    }
    CHECK_THROWS_AS(pack.write(0, 5, "!"), Error);
    CHECK_THROWS_AS(pack.write(2, 0, "01234567890"), Error);
    CHECK_THROWS_AS(pack.write(3, 0, "x"), Error);
    pack.commit();
    const std::string written = read(temporary.path() / "pack");
    REQUIRE(written.size() == layout.size);
    for (std::size_t i = 0; i < contents.size(); ++i) {
        CHECK(written.substr(layout.offsets[i], contents[i].size()) == contents[i]);
    }
    CHECK(written.substr(5, pack_alignment - 5) == std::string(pack_alignment - 5, '\0'));

    // A last member with no bytes still ends the pack at the layout's size.
    members.push_back(ArchiveMember{});
    const PackLayout with_empty_end(members);
    PackWriter ending_empty(writer.open_file("pack2", 0644, Existing::Refuse), members);
    for (std::size_t i = 0; i < contents.size(); ++i) {
        ending_empty.write(i, 0, contents[i]);
    }
    ending_empty.commit();
    CHECK(read(temporary.path() / "pack2").size() == with_empty_end.size);
}

TEST_CASE("another reader of a wheel is refused once another file is in the wheel's place") {
    TemporaryDirectory temporary;
    const fs::path path = temporary.path() / "demo-1.0-py3-none-any.whl";
    write_wheel(path, {{"demo/__init__.py", "first = 1\n"}});
    const WheelArchive wheel(path);
    const ArchiveMember* member = wheel.find("demo/__init__.py");
    REQUIRE(member != nullptr);
    CHECK(wheel.another_reader() != nullptr); // the same file: opened again
    // A package upgrade puts a new wheel in its place (a new file, renamed over it).
    const fs::path upgraded = temporary.path() / "upgraded.whl";
    write_wheel(upgraded, {{"demo/__init__.py", "second = 22\n"}});
    fs::rename(upgraded, path);
    CHECK_THROWS_WITH(wheel.another_reader(), Catch::Contains("changed since it was opened"));
    // This archive's own reader still reads the file it opened.
    CHECK(wheel.read_all(*member) == "first = 1\n");
}
