// Console scripts for Windows venvs: launcher + shebang + zip of __main__.py,
// made here on Linux with stand-in launcher bytes (cppvenv.exe embeds the real
// one; the wine suite runs it).
#include "catch_compat.hpp"
#include "seed/install_wheels.hpp"
#include "seed/record_hash.hpp"
#include "seed/windows_launchers.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"

#include <boost/filesystem/operations.hpp>
#include <zip.h>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

namespace {

const ConsoleScript pip_script{"pip", "pip._internal.cli.main", "main"};

// The one member of `archive` as libzip reads it (which checks its CRC-32).
std::pair<std::string, std::string> only_member(const std::string& archive) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    REQUIRE(source != nullptr);
    zip_t* zip = zip_open_from_source(source, ZIP_CHECKCONS, &error);
    REQUIRE(zip != nullptr);
    REQUIRE(zip_get_num_entries(zip, 0) == 1);
    zip_stat_t stat;
    REQUIRE(zip_stat_index(zip, 0, 0, &stat) == 0);
    std::string contents(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(zip, 0, 0);
    REQUIRE(file != nullptr);
    REQUIRE(zip_fread(file, contents.data(), contents.size()) ==
            static_cast<zip_int64_t>(contents.size()));
    char extra;
    CHECK(zip_fread(file, &extra, 1) == 0); // end of data: the CRC was checked
    zip_fclose(file);
    std::pair<std::string, std::string> member{stat.name, contents};
    zip_discard(zip);
    return member;
}

std::uint32_t little_endian_at(const std::string& bytes, size_t at, int count) {
    std::uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i) {
        value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

} // namespace

TEST_CASE("a launcher's archive is a zip libzip reads back, with zip's CRC-32") {
    const std::string archive = zip_of_one_file("__main__.py", "123456789");
    CHECK(only_member(archive) ==
          std::make_pair(std::string("__main__.py"), std::string("123456789")));
    // The CRC-32 check value of "123456789", in the local header.
    CHECK(little_endian_at(archive, 14, 4) == 0xCBF43926u);
    CHECK(only_member(zip_of_one_file("__main__.py", "")).second.empty());
}

TEST_CASE("a Windows console script is the launcher, a quoted shebang line, then the zip") {
    const std::string launcher("MZ\0launcher bytes\n", 18);
    const std::string python = "C:\\Users\\Jo Doe\\env\\Scripts\\python.exe";
    const std::string script = render_windows_console_launcher(pip_script, python, launcher);
    const std::string shebang = "#!\"C:\\Users\\Jo Doe\\env\\Scripts\\python.exe\"\r\n";
    REQUIRE(script.compare(0, launcher.size(), launcher) == 0);
    REQUIRE(script.compare(launcher.size(), shebang.size(), shebang) == 0);
    const std::string archive = script.substr(launcher.size() + shebang.size());
    const auto [name, main] = only_member(archive);
    CHECK(name == "__main__.py");
    CHECK(main == console_script_body(pip_script));
    CHECK(main.find("from pip._internal.cli.main import main\n") != std::string::npos);
    // The end record's offsets count from the archive's start, as in distlib's
    // launchers: its central directory ends where the end record begins.
    const size_t end_record = script.size() - 22;
    CHECK(little_endian_at(script, end_record, 4) == 0x06054b50u);
    CHECK(little_endian_at(archive, archive.size() - 22 + 12, 4) +
              little_endian_at(archive, archive.size() - 22 + 16, 4) ==
          archive.size() - 22);
}

TEST_CASE("a Windows console script refuses an interpreter path its shebang cannot hold") {
    for (const std::string python : {"C:\\a\"b\\python.exe", "C:\\a\r\nb\\python.exe"}) {
        CHECK_THROWS_AS(render_windows_console_launcher(pip_script, python, "MZ"), Error);
    }
}

namespace {

// A wheel with one console script, made with libzip.
void write_demo_wheel(const fs::path& path) {
    const std::vector<std::pair<std::string, std::string>> members = {
        {"demo/__init__.py", "def main(): pass\n"},
        {"demo-1.0.dist-info/METADATA", "Name: demo\nVersion: 1.0\n"},
        {"demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n"},
        {"demo-1.0.dist-info/entry_points.txt", "[console_scripts]\ndemo = demo:main\n"},
    };
    std::string record;
    for (const auto& [name, contents] : members) {
        record +=
            name + "," + record_hash_of(contents) + "," + std::to_string(contents.size()) + "\n";
    }
    record += "demo-1.0.dist-info/RECORD,,\n";
    int error = 0;
    zip_t* archive = zip_open(path.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    std::vector<std::pair<std::string, std::string>> all = members;
    all.emplace_back("demo-1.0.dist-info/RECORD", record);
    for (const auto& [name, contents] : all) {
        zip_source_t* source = zip_source_buffer(archive, contents.data(), contents.size(), 0);
        REQUIRE(zip_file_add(archive, name.c_str(), source, 0) >= 0);
    }
    REQUIRE(zip_close(archive) == 0);
}

SeedLayout windows_layout_in(const fs::path& root, std::string_view launcher) {
    SeedLayout layout;
    layout.build_root = root;
    layout.final_root = "C:\\work\\env";
    layout.scripts_dir = "Scripts";
    layout.purelib_dir = "Lib/site-packages";
    layout.platlib_dir = layout.purelib_dir;
    layout.headers_dir = "Include/site/python3.12";
    layout.python_in_venv = "Scripts/python.exe";
    layout.python_major = 3;
    layout.python_minor = 12;
    layout.script_form = ConsoleScriptForm::WindowsLauncher;
    layout.windows_launcher = launcher;
    return layout;
}

} // namespace

TEST_CASE("wheel install into a Windows venv writes Scripts\\NAME.exe launchers, in RECORD") {
    TemporaryDirectory temporary;
    const fs::path wheel = temporary.path() / "demo-1.0-py3-none-any.whl";
    write_demo_wheel(wheel);
    const fs::path venv = temporary.path() / "env";
    fs::create_directories(venv);
    const std::string launcher = "MZ stand-in launcher\n";
    install_wheel(wheel, windows_layout_in(venv, launcher));

    CHECK_FALSE(fs::exists(venv / "Scripts/demo"));
    const std::string written = read_file(venv / "Scripts/demo.exe").value_or("");
    CHECK(written == render_windows_console_launcher(
                         {"demo", "demo", "main"}, "C:\\work\\env\\Scripts\\python.exe", launcher));
    const std::string record =
        read_file(venv / "Lib/site-packages/demo-1.0.dist-info/RECORD").value_or("");
    CHECK(record.find("../../Scripts/demo.exe," + record_hash_of(written) + "," +
                      std::to_string(written.size()) + "\r\n") != std::string::npos);
}

TEST_CASE("wheel install into a Windows venv without a launcher program refuses, naming why") {
    TemporaryDirectory temporary;
    const fs::path wheel = temporary.path() / "demo-1.0-py3-none-any.whl";
    write_demo_wheel(wheel);
    const fs::path venv = temporary.path() / "env";
    fs::create_directories(venv);
    CHECK_THROWS_WITH(install_wheel(wheel, windows_layout_in(venv, "")),
                      Catch::Contains("cppvenv.exe"));
}
