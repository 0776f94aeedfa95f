// Launchers, RECORD text and hashes: the parts of seeding that need no wheel.
#include "catch_compat.hpp"
#include "seed/console_scripts.hpp"
#include "seed/install_wheels.hpp"
#include "seed/record_hash.hpp"
#include "seed/wheel_contents.hpp"
#include "seed/wheel_record.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "venv/pip_arrival.hpp"

#include <fmt/format.h>
#include <string>

using namespace cppvenv;

namespace {

std::vector<std::string> names_of(const std::vector<ConsoleScript>& scripts) {
    std::vector<std::string> names;
    for (const ConsoleScript& script : scripts) {
        names.push_back(script.name);
    }
    return names;
}

} // namespace

TEST_CASE("record hash is sha256 in urlsafe base64 without padding") {
    CHECK(record_hash_of("") == "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    CHECK(record_hash_of("pip\n") == "sha256=zuuue4knoyJ-UwPPXg8fezS7VCrXJQrAP7zeNuwvFQg");
    RecordHasher chunked;
    chunked.update("pi");
    chunked.update("p\n");
    CHECK(chunked.finish() == record_hash_of("pip\n"));
}

TEST_CASE("urlsafe base64 uses dash and underscore and drops padding") {
    CHECK(urlsafe_base64_without_padding("") == "");
    CHECK(urlsafe_base64_without_padding("f") == "Zg");
    CHECK(urlsafe_base64_without_padding("fo") == "Zm8");
    CHECK(urlsafe_base64_without_padding("foo") == "Zm9v");
    CHECK(urlsafe_base64_without_padding("\xfb\xff\xbf") == "-_-_");
}

TEST_CASE("record hash refuses algorithms a wheel may not use") {
    CHECK_THROWS_AS(RecordHasher("md5"), Error);
    CHECK_NOTHROW(RecordHasher("sha512"));
}

TEST_CASE("record hashes are the SHA-2 digests (FIPS 180-2 'abc' vectors), fed in pieces") {
    const auto hex_of = [](const char* algorithm) {
        RecordHasher hasher(algorithm);
        hasher.update("a");
        hasher.update("");
        hasher.update("bc");
        return hasher.finish_hex();
    };
    CHECK(hex_of("sha256") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex_of("sha384") == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                              "8086072ba1e7cc2358baeca134c825a7");
    CHECK(hex_of("sha512") == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    CHECK(record_hash_of("abc") == "sha256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
}

TEST_CASE("RECORD rows are parsed with csv quoting and written sorted with CRLF") {
    RecordText record("b.py,sha256=x,3\r\n\"a,b.py\",\"sha256=\"\"y\",1\nr/RECORD,,\n");
    const std::vector<RecordRow> rows = record.rows("w");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].path == "b.py");
    CHECK(rows[0].size == "3");
    CHECK(rows[1].path == "a,b.py");
    CHECK(rows[1].hash == "sha256=\"y");
    CHECK(rows[2].hash.empty());
    CHECK(rows[2].size.empty());
    // Written back: sorted, quoted where csv quotes, the sizes as numbers.
    std::vector<RecordEntry> entries = {{"b.py", "sha256=x", 3},
                                        {"a,b.py", "sha256=y", 1},
                                        {"r/RECORD", "", std::nullopt},
                                        {"q\"uote.py", "sha256=z", 0}};
    std::string written;
    write_record(entries, [&written](std::string_view piece) { written += piece; });
    CHECK(written == "\"a,b.py\",sha256=y,1\r\nb.py,sha256=x,3\r\n\"q\"\"uote.py\",sha256=z,0\r\n"
                     "r/RECORD,,\r\n");
}

TEST_CASE("a long RECORD is written in pieces of about 16 KiB, whole and in order") {
    std::vector<std::string> paths;
    for (int i = 0; i < 2000; ++i) {
        paths.push_back(fmt::format("pkg/module_{:04}.py", i));
    }
    std::vector<RecordEntry> entries;
    std::string expected;
    for (const std::string& path : paths) {
        entries.push_back({path, "sha256=x", 1});
        expected += path + ",sha256=x,1\r\n";
    }
    std::vector<std::size_t> pieces;
    std::string written;
    write_record(entries, [&](std::string_view piece) {
        pieces.push_back(piece.size());
        written += piece;
    });
    CHECK(written == expected);
    REQUIRE(pieces.size() > 3);
    for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
        CHECK(pieces[i] >= 15 * 1024);
        CHECK(pieces[i] <= 16 * 1024);
    }
}

TEST_CASE("RECORD with a row of the wrong shape is refused") {
    RecordText too_few_fields("a.py,sha256=x\n");
    CHECK_THROWS_AS(too_few_fields.rows("w.whl"), Error);
    RecordText unbalanced_quote("\"a.py,sha256=x,1\n");
    CHECK_THROWS_AS(unbalanced_quote.rows("w.whl"), Error);
}

TEST_CASE("record paths are relative to the dist-info's folder") {
    const std::string site = "lib/python3.12/site-packages";
    CHECK(record_path(site, site + "/pip/__init__.py") == "pip/__init__.py");
    CHECK(record_path(site, "bin/pip") == "../../../bin/pip");
    CHECK(record_path(site, "include/site/python3.12/x/x.h") ==
          "../../../include/site/python3.12/x/x.h");
    CHECK(record_path(site, "lib/python3.12/other.txt") == "../other.txt");
}

TEST_CASE("pip's console scripts follow the venv's python version, as ensurepip leaves them") {
    const std::string entry_points = "[console_scripts]\n"
                                     "pip = pip._internal.cli.main:main\n"
                                     "pip3 = pip._internal.cli.main:main\n"
                                     "pip3.9 = pip._internal.cli.main:main\n";
    const auto scripts = console_scripts_from_entry_points(entry_points, 3, 12, "pip.whl");
    CHECK(names_of(scripts) == std::vector<std::string>{"pip", "pip3", "pip3.12"});
    CHECK(scripts[2].module == "pip._internal.cli.main");
    CHECK(scripts[2].function == "main");
}

TEST_CASE("setuptools' easy_install scripts follow the venv's python version") {
    const std::string entry_points =
        "[console_scripts]\n"
        "easy_install = setuptools.command.easy_install:main\n"
        "easy_install-3.8 = setuptools.command.easy_install:main\n"
        "\n[distutils.commands]\nalias = setuptools.command.alias:alias\n";
    const auto scripts = console_scripts_from_entry_points(entry_points, 3, 7, "setuptools.whl");
    CHECK(names_of(scripts) == std::vector<std::string>{"easy_install", "easy_install-3.7"});
}

TEST_CASE("only pip's and easy_install's own versioned names are renamed, nothing like them") {
    const std::string entry_points = "[console_scripts]\n"
                                     "pip = pip._internal.cli.main:main\n"
                                     "pip310 = pip._internal.cli.main:main\n"
                                     "pipx = pipx.main:cli\n"
                                     "pip3. = a:b\n"
                                     "pip-3 = a:b\n"
                                     "pip3.1.2 = a:b\n"
                                     "easy_install = setuptools.command.easy_install:main\n"
                                     "easy_install-3 = a:b\n"
                                     "easy_install-3.x = a:b\n"
                                     "easy_install3.8 = a:b\n"
                                     "easy_install-10.11 = a:b\n";
    const auto scripts = console_scripts_from_entry_points(entry_points, 3, 12, "x.whl");
    CHECK(names_of(scripts) == std::vector<std::string>{"pipx", "pip3.", "pip-3", "pip3.1.2",
                                                        "easy_install-3", "easy_install-3.x",
                                                        "easy_install3.8", "pip", "pip3", "pip3.12",
                                                        "easy_install", "easy_install-3.12"});
}

TEST_CASE("module and function are dotted Python identifiers, nothing else") {
    for (const char* good : {"a:b", "_x1.y_2:Main.run", "A.B.C:d_3"}) {
        INFO(good);
        CHECK_NOTHROW(console_scripts_from_entry_points(
            std::string("[console_scripts]\nx = ") + good + "\n", 3, 12, "x.whl"));
    }
    for (const char* bad :
         {"1a:b", "a..b:c", "a.:b", ".a:b", "a-b:c", ":b", "a:", "a:b.", "a:b c", "é:b"}) {
        INFO(bad);
        CHECK_THROWS_AS(console_scripts_from_entry_points(
                            std::string("[console_scripts]\nx = ") + bad + "\n", 3, 12, "x.whl"),
                        Error);
    }
}

TEST_CASE("other console and gui scripts keep their names and ignore extras") {
    const std::string entry_points = "[console_scripts]\ntool = pkg.cli:Main.run [extra]\n"
                                     "[gui_scripts]\nwindow = pkg.gui:main\n";
    const auto scripts = console_scripts_from_entry_points(entry_points, 3, 12, "x.whl");
    CHECK(names_of(scripts) == std::vector<std::string>{"tool", "window"});
    CHECK(scripts[0].function == "Main.run");
    CHECK(render_console_script(scripts[0], "/v/bin/python").find("from pkg.cli import Main\n") !=
          std::string::npos);
}

TEST_CASE("console scripts that would inject code or escape bin are refused") {
    CHECK_THROWS_AS(console_scripts_from_entry_points(
                        "[console_scripts]\nx = os:system('id') or os.getcwd\n", 3, 12, "x.whl"),
                    Error);
    CHECK_THROWS_AS(
        console_scripts_from_entry_points("[console_scripts]\n../x = pkg:main\n", 3, 12, "x.whl"),
        Error);
    CHECK_THROWS_AS(
        console_scripts_from_entry_points("[console_scripts]\nx = pkg\n", 3, 12, "x.whl"), Error);
}

TEST_CASE("a short path without spaces gets a plain shebang") {
    const std::string text =
        render_console_script({"pip", "pip._internal.cli.main", "main"}, "/tmp/venv/bin/python3");
    CHECK(text.rfind("#!/tmp/venv/bin/python3\n# -*- coding: utf-8 -*-\n", 0) == 0);
    CHECK(text.find("sys.exit(main())\n") != std::string::npos);
}

TEST_CASE("a path with a space or past 127 bytes gets a /bin/sh trampoline") {
    CHECK(python_shebang("/tmp/my venv/bin/python") ==
          "#!/bin/sh\n'''exec' '/tmp/my venv/bin/python' \"$0\" \"$@\"\n' '''\n");
    const std::string long_path = "/" + std::string(120, 'a') + "/bin/python";
    CHECK(python_shebang(long_path).rfind("#!/bin/sh\n", 0) == 0);
    const std::string just_fits = "/" + std::string(124 - 12, 'a') + "/bin/python";
    REQUIRE(just_fits.size() + 3 == 127);
    CHECK(python_shebang(just_fits) == "#!" + just_fits + "\n");
}

TEST_CASE("a quote in the path never closes the trampoline's Python string early") {
    const std::string shebang = python_shebang("/tmp/it's '''odd/bin/python");
    CHECK(shebang.find("'''", 12) == shebang.size() - 4);
    CHECK(shebang.find("'/tmp/it'\"'\"'s '\"'\"''\"'\"''\"'\"'odd/bin/python'") !=
          std::string::npos);
}

TEST_CASE("a relocatable launcher runs the python beside its own real path") {
    // uv's text, with a fallback to $0 where realpath is missing.
    const std::string text =
        render_relocatable_console_script({"pip", "pip._internal.cli.main", "main"}, "python3.12");
    CHECK(text.rfind("#!/bin/sh\n'''exec' \"$(dirname -- \"$(realpath -- \"$0\" 2>/dev/null || "
                     "printf %s \"$0\")\")\"/'python3.12' \"$0\" \"$@\"\n' '''\n"
                     "# -*- coding: utf-8 -*-\n",
                     0) == 0);
    CHECK(text.find("'''", 12) == text.find("\n' '''\n") + 3);
    CHECK(text.find("sys.exit(main())\n") != std::string::npos);
}

TEST_CASE("a relocatable plan says so in pyvenv.cfg and in its activation scripts") {
    PlanRequest request;
    request.facts = cppvenv::testing::pypy39_facts();
    request.env_dir = TargetPath("/tmp/venv", Platform::Posix);
    request.options.relocatable = true;
    const Plan plan = make_plan(request);
    CHECK(plan.relocatable == Relocatable::Yes);
    CHECK(find_entry(plan, "pyvenv.cfg")->contents.find("\nrelocatable = true\n") !=
          std::string::npos);
    CHECK(find_entry(plan, "bin/activate")->contents.find("if [ -n '1' ]; then") !=
          std::string::npos);
    const SeedLayout layout = seed_layout_for(plan, request.facts, "/s", WriteMode::NewFiles);
    CHECK(layout.launcher_python == LauncherPython::BesideScript);
    CHECK(layout.launcher_shebang() == relative_python_shebang(plan.python_in_venv.substr(4)));
    request.options.relocatable = false;
    CHECK(make_plan(request).entries.back().contents.find("relocatable") == std::string::npos);
    CHECK(seed_layout_for(make_plan(request), request.facts, "/s", WriteMode::NewFiles)
              .launcher_shebang() == "#!/tmp/venv/" + plan.python_in_venv + "\n");
}

TEST_CASE("seed layout takes final paths from the plan and folders from the facts") {
    PlanRequest request;
    request.facts = cppvenv::testing::pypy39_facts();
    request.env_dir = TargetPath("/final/my venv", Platform::Posix);
    request.command = "cppvenv create";
    request.cppvenv_version = "0.1.0";
    const Plan plan = make_plan(request);
    const SeedLayout layout =
        seed_layout_for(plan, request.facts, "/staging/dir", WriteMode::NewFiles);
    CHECK(layout.build_root == "/staging/dir");
    CHECK(layout.final_python() == "/final/my venv/" + plan.python_in_venv);
    CHECK(layout.purelib_dir == "lib/pypy3.9/site-packages");
    CHECK(layout.scripts_dir == "bin");
    CHECK(layout.headers_dir == "include/site/python3.9");
    CHECK(layout.python_minor == 9);
}
