// The Windows plan, computed on Linux from recorded facts of Windows
// interpreters: what CPython 3.8 to 3.13's own venv (and PyPy's) puts in Scripts\.
#include "catch_compat.hpp"
#include "python/facts_json.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "venv/plan.hpp"
#include "venv/pyvenv_cfg.hpp"
#include "windows_facts.hpp"

#include <map>

using namespace cppvenv;
using cppvenv::testing::windows_cpython_facts;
using cppvenv::testing::WindowsBuild;

namespace {

PlanRequest windows_request(const InterpreterFacts& facts, LinkMode link_mode = LinkMode::Copies,
                            const std::string& env_dir = "C:\\Users\\me\\env") {
    PlanRequest request = testing::plan_request(facts, env_dir, Platform::Windows);
    request.options.link_mode = link_mode;
    return request;
}

// Every interpreter entry in Scripts\: name -> where it comes from.
std::map<std::string, std::string> interpreters_of(const Plan& plan) {
    std::map<std::string, std::string> found;
    for (const PlanEntry& entry : plan.entries) {
        if (entry.relative_path.rfind("Scripts/", 0) != 0) {
            continue;
        }
        const std::string name = entry.relative_path.substr(8);
        if (entry.kind == EntryKind::Copy) {
            found[name] = "copy " + entry.copy_source;
        } else if (entry.kind == EntryKind::Symlink) {
            found[name] = "link " + entry.link_target;
        }
    }
    return found;
}

std::map<std::string, std::string> cfg_of(const Plan& plan) {
    return testing::pyvenv_cfg_values(plan);
}

const std::string home38 = "C:\\Program Files\\Python38";
const std::string home312 = "C:\\Program Files\\Python312";
const std::string home313 = "C:\\Program Files\\Python313";

} // namespace

TEST_CASE("Windows CPython 3.8 to 3.12 copy python.exe and pythonw.exe from venv's scripts\\nt") {
    for (int minor = 8; minor <= 12; ++minor) {
        const InterpreterFacts facts = windows_cpython_facts(minor);
        const Plan plan = make_plan(windows_request(facts));
        const std::string nt = facts.base_prefix + "\\Lib\\venv\\scripts\\nt\\";
        const std::map<std::string, std::string> expected = {
            {"python.exe", "copy " + nt + "python.exe"},
            {"pythonw.exe", "copy " + nt + "pythonw.exe"},
        };
        INFO("3." << minor);
        CHECK(interpreters_of(plan) == expected);
        CHECK(plan.python_in_venv == "Scripts/python.exe");
    }
}

TEST_CASE("Windows CPython 3.8 with debug binaries installed also copies the _d launchers") {
    const Plan plan =
        make_plan(windows_request(windows_cpython_facts(8, WindowsBuild::Regular, true)));
    const std::string nt = home38 + "\\Lib\\venv\\scripts\\nt\\";
    const std::map<std::string, std::string> expected = {
        {"python.exe", "copy " + nt + "python.exe"},
        {"python_d.exe", "copy " + nt + "python_d.exe"},
        {"pythonw.exe", "copy " + nt + "pythonw.exe"},
        {"pythonw_d.exe", "copy " + nt + "pythonw_d.exe"},
    };
    CHECK(interpreters_of(plan) == expected);
    CHECK(plan.python_in_venv == "Scripts/python.exe");
}

TEST_CASE("Windows CPython 3.12 debug build runs as python_d.exe in the venv") {
    const Plan plan = make_plan(windows_request(windows_cpython_facts(12, WindowsBuild::Debug)));
    const std::string nt = home312 + "\\Lib\\venv\\scripts\\nt\\";
    CHECK(interpreters_of(plan).size() == 4);
    CHECK(interpreters_of(plan)["python_d.exe"] == "copy " + nt + "python_d.exe");
    CHECK(interpreters_of(plan)["pythonw_d.exe"] == "copy " + nt + "pythonw_d.exe");
    CHECK(plan.python_in_venv == "Scripts/python_d.exe");
}

TEST_CASE("Windows CPython 3.13 copies venvlauncher.exe and venvwlauncher.exe") {
    const Plan plan = make_plan(windows_request(windows_cpython_facts(13)));
    const std::string nt = home313 + "\\Lib\\venv\\scripts\\nt\\";
    const std::map<std::string, std::string> expected = {
        {"python.exe", "copy " + nt + "venvlauncher.exe"},
        {"pythonw.exe", "copy " + nt + "venvwlauncher.exe"},
    };
    CHECK(interpreters_of(plan) == expected);
    CHECK(plan.python_in_venv == "Scripts/python.exe");
}

TEST_CASE("Windows CPython 3.13 debug build gets python_d.exe from venvlauncher_d.exe") {
    const Plan plan = make_plan(windows_request(windows_cpython_facts(13, WindowsBuild::Debug)));
    const std::string nt = home313 + "\\Lib\\venv\\scripts\\nt\\";
    const std::map<std::string, std::string> expected = {
        {"python.exe", "copy " + nt + "venvlauncher_d.exe"},
        {"python_d.exe", "copy " + nt + "venvlauncher_d.exe"},
        {"pythonw.exe", "copy " + nt + "venvwlauncher_d.exe"},
        {"pythonw_d.exe", "copy " + nt + "venvwlauncher_d.exe"},
    };
    CHECK(interpreters_of(plan) == expected);
    CHECK(plan.python_in_venv == "Scripts/python_d.exe");
}

TEST_CASE("Windows CPython 3.13t gets python3.13t.exe from venvlaunchert.exe") {
    const Plan plan =
        make_plan(windows_request(windows_cpython_facts(13, WindowsBuild::FreeThreaded)));
    const std::string nt = home313 + "\\Lib\\venv\\scripts\\nt\\";
    const std::map<std::string, std::string> expected = {
        {"python.exe", "copy " + nt + "venvlaunchert.exe"},
        {"python3.13t.exe", "copy " + nt + "venvlaunchert.exe"},
        {"pythonw.exe", "copy " + nt + "venvwlaunchert.exe"},
        {"pythonw3.13t.exe", "copy " + nt + "venvwlaunchert.exe"},
    };
    CHECK(interpreters_of(plan) == expected);
    CHECK(plan.python_in_venv == "Scripts/python.exe");
}

TEST_CASE("Windows CPython 3.13t debug build gets all eight names from venvlaunchert_d.exe") {
    const Plan plan =
        make_plan(windows_request(windows_cpython_facts(13, WindowsBuild::FreeThreadedDebug)));
    const std::string launcher =
        "copy " + home313 + "\\Lib\\venv\\scripts\\nt\\venvlaunchert_d.exe";
    const std::string window = "copy " + home313 + "\\Lib\\venv\\scripts\\nt\\venvwlaunchert_d.exe";
    const std::map<std::string, std::string> expected = {
        {"python.exe", launcher},      {"python_d.exe", launcher},
        {"python3.13t.exe", launcher}, {"python3.13t_d.exe", launcher},
        {"pythonw.exe", window},       {"pythonw_d.exe", window},
        {"pythonw3.13t.exe", window},  {"pythonw3.13t_d.exe", window},
    };
    CHECK(interpreters_of(plan) == expected);
    CHECK(plan.python_in_venv == "Scripts/python_d.exe");
}

TEST_CASE("Windows source builds take the launchers from beside python.exe and copy init.tcl") {
    const std::string build = "C:\\src\\cpython\\PCbuild\\amd64\\";
    for (int minor : {12, 13}) {
        const Plan plan = make_plan(windows_request(testing::windows_source_build_facts(minor)));
        const std::map<std::string, std::string> expected = {
            {"python.exe", "copy " + build + "venvlauncher.exe"},
            {"pythonw.exe", "copy " + build + "venvwlauncher.exe"},
        };
        INFO("3." << minor);
        CHECK(interpreters_of(plan) == expected);
        const PlanEntry* tcl = find_entry(plan, "Lib/tcl8.6/init.tcl");
        REQUIRE(tcl != nullptr);
        CHECK(tcl->copy_source.find("\\lib\\tcl8.6\\init.tcl") != std::string::npos);
        CHECK(find_entry(plan, "Lib/tcl8.6")->kind == EntryKind::Directory);
    }
}

TEST_CASE("Windows PyPy copies every program and DLL beside its executable") {
    const Plan plan = make_plan(windows_request(testing::windows_pypy_facts()));
    const std::map<std::string, std::string> found = interpreters_of(plan);
    CHECK(found.size() == 8);
    CHECK(found.at("pypy3.exe") == "copy C:\\pypy3.10\\pypy3.exe");
    CHECK(found.at("python.exe") == "copy C:\\pypy3.10\\python.exe");
    CHECK(found.at("libpypy3.10-c.dll") == "copy C:\\pypy3.10\\libpypy3.10-c.dll");
    CHECK(plan.python_in_venv == "Scripts/pypy3.exe");
    CHECK(find_entry(plan, "Lib/site-packages") != nullptr);
}

TEST_CASE("Windows --symlinks links the base programs and DLLs instead of copying launchers") {
    const Plan before = make_plan(windows_request(windows_cpython_facts(12), LinkMode::Symlinks));
    const std::map<std::string, std::string> found = interpreters_of(before);
    CHECK(found.size() == 6); // python.exe, pythonw.exe, 3 python DLLs... and vcruntime
    CHECK(found.at("python.exe") == "link " + home312 + "\\python.exe");
    CHECK(found.at("vcruntime140_1.dll") == "link " + home312 + "\\vcruntime140_1.dll");

    const Plan plan313 = make_plan(windows_request(windows_cpython_facts(13), LinkMode::Symlinks));
    const std::map<std::string, std::string> expected = {
        {"python.exe", "link " + home313 + "\\python.exe"},
        {"pythonw.exe", "link " + home313 + "\\pythonw.exe"},
        {"python3.dll", "link " + home313 + "\\python3.dll"},
        {"python313.dll", "link " + home313 + "\\python313.dll"},
        {"vcruntime140.dll", "link " + home313 + "\\vcruntime140.dll"},
        {"vcruntime140_1.dll", "link " + home313 + "\\vcruntime140_1.dll"},
    };
    CHECK(interpreters_of(plan313) == expected);
}

TEST_CASE("Windows plan refuses an interpreter whose venv launcher is missing") {
    InterpreterFacts facts = windows_cpython_facts(13);
    facts.windows.venv_launchers = {"activate.bat", "deactivate.bat"};
    CHECK_THROWS_AS(make_plan(windows_request(facts)), Error);
}

TEST_CASE("Windows plan has Include, Lib\\site-packages, no lib64 and Windows pyvenv.cfg") {
    const Plan plan = make_plan(windows_request(windows_cpython_facts(12)));
    CHECK(find_entry(plan, "lib64") == nullptr);
    CHECK(find_entry(plan, "Include") != nullptr);
    CHECK(find_entry(plan, "Lib/site-packages") != nullptr);
    std::map<std::string, std::string> cfg = cfg_of(plan);
    CHECK(cfg["home"] == home312);
    CHECK(cfg["executable"] == home312 + "\\python.exe");
    CHECK(cfg["version"] == "3.12.4");
    CHECK(describe_plan(plan).find("C:\\Users\\me\\env\\Lib\\site-packages") != std::string::npos);
    for (const char* script : {"Scripts/activate.bat", "Scripts/deactivate.bat",
                               "Scripts/Activate.ps1", "Scripts/activate"}) {
        CHECK(find_entry(plan, script) != nullptr);
    }
    CHECK(find_entry(plan, "Scripts/activate.fish") == nullptr);
    CHECK(find_entry(plan, "Scripts/activate.csh") == nullptr);
}

TEST_CASE("Windows plan refuses a venv path holding ';', the PATH separator there") {
    CHECK_THROWS_AS(
        make_plan(windows_request(windows_cpython_facts(12), LinkMode::Copies, "C:\\a;b")), Error);
}

TEST_CASE("Windows layout facts survive the facts cache's JSON") {
    const InterpreterFacts facts = windows_cpython_facts(13, WindowsBuild::FreeThreadedDebug);
    const InterpreterFacts back = facts_from_json(facts_to_json(facts));
    CHECK(back.windows.venv_module_dir == facts.windows.venv_module_dir);
    CHECK(back.windows.venv_launchers == facts.windows.venv_launchers);
    CHECK(back.windows.executable_files == facts.windows.executable_files);
    CHECK(back.windows.is_python_build == facts.windows.is_python_build);
    CHECK(back.free_threaded);
    const InterpreterFacts build = testing::windows_source_build_facts(12);
    CHECK(facts_from_json(facts_to_json(build)).windows.init_tcl == build.windows.init_tcl);
}

TEST_CASE("Windows plan installs pip by running the venv's ensurepip") {
    PlanRequest request = windows_request(windows_cpython_facts(12));
    const Plan plan = make_plan(request);
    CHECK(plan.pip == PipSource::RunEnsurepip);
    CHECK(plan.wheels.empty());
    CHECK(describe_plan(plan).find("C:\\Users\\me\\env\\Scripts\\python.exe -m ensurepip") !=
          std::string::npos);
    request.options.with_pip = false;
    CHECK(make_plan(request).pip == PipSource::None);
}

TEST_CASE("Windows plan writes pyvenv.cfg and .gitignore with CRLF, as venv's text mode does") {
    const Plan plan = make_plan(windows_request(windows_cpython_facts(12)));
    for (const char* name : {"pyvenv.cfg", ".gitignore"}) {
        const PlanEntry* entry = find_entry(plan, name);
        REQUIRE(entry != nullptr);
        INFO(name);
        CHECK(entry->contents.find("\r\n") != std::string::npos);
        for (std::size_t at = entry->contents.find('\n'); at != std::string::npos;
             at = entry->contents.find('\n', at + 1)) {
            CHECK((at > 0 && entry->contents[at - 1] == '\r'));
        }
    }
    CHECK(cfg_of(plan)["home"] == home312); // read back without the '\r'
    const Plan posix = make_plan(testing::plan_request(testing::pyenv_cpython_facts(12), "/e"));
    CHECK(find_entry(posix, "pyvenv.cfg")->contents.find('\r') == std::string::npos);
}

TEST_CASE("a plan for one system from another system's Python is refused") {
    CHECK_THROWS_AS(
        make_plan(testing::plan_request(windows_cpython_facts(12), "/srv/env", Platform::Posix)),
        Error);
    CHECK_THROWS_AS(make_plan(testing::plan_request(testing::pyenv_cpython_facts(12), "C:\\env",
                                                    Platform::Windows)),
                    Error);
}
