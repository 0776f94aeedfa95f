#include "catch_compat.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "venv/plan.hpp"
#include "venv/pyvenv_cfg.hpp"

#include <map>

using namespace cppvenv;
using cppvenv::testing::pyenv_cpython_facts;

namespace {

PlanRequest request_for(const InterpreterFacts& facts, const std::string& env_dir) {
    return testing::plan_request(facts, env_dir);
}

std::map<std::string, std::string> cfg_of(const Plan& plan) {
    return testing::pyvenv_cfg_values(plan);
}

} // namespace

TEST_CASE("plan for CPython 3.12 links the executable absolutely and aliases relatively") {
    Plan plan = make_plan(request_for(pyenv_cpython_facts(12), "/home/me/env"));
    const PlanEntry* exe = find_entry(plan, "bin/python3.12");
    REQUIRE(exe != nullptr);
    CHECK(exe->kind == EntryKind::Symlink);
    CHECK(exe->link_target == "/root/.pyenv/versions/3.12.1/bin/python3.12");
    for (const char* alias : {"bin/python", "bin/python3"}) {
        const PlanEntry* entry = find_entry(plan, alias);
        REQUIRE(entry != nullptr);
        CHECK(entry->kind == EntryKind::Symlink);
        CHECK(entry->link_target == "python3.12");
    }
    CHECK(find_entry(plan, "include/python3.12") != nullptr);
    CHECK(find_entry(plan, "lib/python3.12/site-packages") != nullptr);
    const PlanEntry* lib64 = find_entry(plan, "lib64");
    REQUIRE(lib64 != nullptr);
    CHECK(lib64->link_target == "lib");
    CHECK(plan.python_in_venv == "bin/python3.12");
}

TEST_CASE("plan for CPython 3.7 and 3.8 has no python3.X alias besides the executable") {
    InterpreterFacts facts = pyenv_cpython_facts(8);
    facts.executable = "/opt/py/bin/python3";
    Plan plan = make_plan(request_for(facts, "/tmp/env"));
    CHECK(find_entry(plan, "bin/python3.8") == nullptr);
    CHECK(find_entry(plan, "bin/python3")->link_target == "/opt/py/bin/python3");
    CHECK(find_entry(plan, "bin/python")->link_target == "python3");
}

TEST_CASE("plan for Debian's python3 names aliases after the executable it was run as") {
    Plan plan = make_plan(request_for(testing::debian_python3_facts(), "/srv/env"));
    CHECK(find_entry(plan, "bin/python3")->link_target == "/usr/bin/python3");
    CHECK(find_entry(plan, "bin/python3.11")->link_target == "python3");
    std::map<std::string, std::string> cfg = cfg_of(plan);
    CHECK(cfg["home"] == "/usr/bin");
    CHECK(cfg["executable"] == "/usr/bin/python3.11");
    CHECK(cfg["version"] == "3.11.2");
}

TEST_CASE("plan for PyPy uses its own site-packages and pypy aliases") {
    Plan plan = make_plan(request_for(testing::pypy39_facts(), "/srv/env"));
    CHECK(find_entry(plan, "lib/pypy3.9/site-packages") != nullptr);
    for (const char* alias : {"bin/pypy", "bin/python", "bin/python3", "bin/python3.9"}) {
        REQUIRE(find_entry(plan, alias) != nullptr);
        CHECK(find_entry(plan, alias)->link_target == "pypy3");
    }
}

TEST_CASE("plan with --copies copies the interpreter with mode 0755") {
    PlanRequest request = request_for(pyenv_cpython_facts(12), "/tmp/env");
    request.options.link_mode = LinkMode::Copies;
    Plan plan = make_plan(request);
    for (const char* name : {"bin/python3.12", "bin/python", "bin/python3"}) {
        const PlanEntry* entry = find_entry(plan, name);
        REQUIRE(entry != nullptr);
        CHECK(entry->kind == EntryKind::Copy);
        CHECK(entry->copy_source == "/root/.pyenv/versions/3.12.1/bin/python3.12");
        CHECK(entry->mode == 0755);
    }
}

TEST_CASE("pyvenv.cfg in the plan is written last with every key") {
    PlanRequest request = request_for(pyenv_cpython_facts(13), "/tmp/env");
    request.prompt = "it's mine";
    request.options.system_site_packages = true;
    Plan plan = make_plan(request);
    CHECK(plan.entries.back().relative_path == "pyvenv.cfg");
    std::map<std::string, std::string> cfg = cfg_of(plan);
    CHECK(cfg["home"] == "/root/.pyenv/versions/3.13.1/bin");
    CHECK(cfg["include-system-site-packages"] == "true");
    CHECK(cfg["prompt"] == "\"it's mine\"");
    CHECK(cfg["cppvenv"] == "0.1.0");
    CHECK(cfg.count("command") == 1);
}

TEST_CASE("plan writes .gitignore and CACHEDIR.TAG unless told not to") {
    PlanRequest request = request_for(pyenv_cpython_facts(9), "/tmp/env");
    Plan plan = make_plan(request);
    REQUIRE(find_entry(plan, ".gitignore") != nullptr);
    CHECK(find_entry(plan, ".gitignore")->contents.find("\n*\n") != std::string::npos);
    REQUIRE(find_entry(plan, "CACHEDIR.TAG") != nullptr);
    CHECK(find_entry(plan, "CACHEDIR.TAG")
              ->contents.rfind("Signature: 8a477f597d28d172789f06886806bc55", 0) == 0);
    request.options.scm_ignore_files = false;
    CHECK(find_entry(make_plan(request), ".gitignore") == nullptr);
}

TEST_CASE("plan refuses a path holding the PATH separator or a newline") {
    CHECK_THROWS_AS(make_plan(request_for(pyenv_cpython_facts(12), "/tmp/a:b")), Error);
    CHECK_THROWS_AS(make_plan(request_for(pyenv_cpython_facts(12), "/tmp/a\nb")), Error);
    PlanRequest request = request_for(pyenv_cpython_facts(12), "/tmp/env");
    request.prompt = "two\nlines";
    CHECK_THROWS_AS(make_plan(request), Error);
}

TEST_CASE("plan chooses how pip gets in") {
    PlanRequest request = request_for(pyenv_cpython_facts(12), "/tmp/env");
    CHECK(make_plan(request).pip == PipSource::BundledWheels);
    request.facts.ensurepip_wheels.clear();
    CHECK(make_plan(request).pip == PipSource::RunEnsurepip);
    request.options.with_pip = false;
    CHECK(make_plan(request).pip == PipSource::None);
}

TEST_CASE("plan --upgrade leaves activation scripts alone") {
    PlanRequest request = request_for(pyenv_cpython_facts(12), "/tmp/env");
    request.options.upgrade = true;
    for (const PlanEntry& entry : make_plan(request).entries) {
        CHECK(entry.relative_path.find("ctivate") == std::string::npos);
    }
}

TEST_CASE("a venv named .venv is prompted with its project folder's name, in every script and "
          "pyvenv.cfg") {
    Plan plan = make_plan(request_for(pyenv_cpython_facts(12), "/home/me/proj/.venv"));
    CHECK(cfg_of(plan)["prompt"] == "'proj'");
    int scripts = 0;
    for (const PlanEntry& entry : plan.entries) {
        if (entry.relative_path.rfind("bin/activate", 0) == 0 ||
            entry.relative_path == "bin/Activate.ps1") {
            ++scripts;
            CHECK(entry.contents.find("proj") != std::string::npos);
            CHECK(entry.contents.find("(.venv)") == std::string::npos);
        }
    }
    CHECK(scripts >= 6);
}

TEST_CASE("the project prompt yields to --prompt, and other names keep venv's default") {
    PlanRequest request = request_for(pyenv_cpython_facts(12), "/home/me/proj/.venv");
    request.prompt = "mine";
    CHECK(cfg_of(make_plan(request))["prompt"] == "'mine'");
    CHECK(cfg_of(make_plan(request_for(pyenv_cpython_facts(12), "/home/me/proj/venv")))
              .count("prompt") == 0);
    CHECK(cfg_of(make_plan(request_for(pyenv_cpython_facts(12), "/.venv"))).count("prompt") == 0);
}

TEST_CASE("plan: no-setuptools and no-wheel drop those bundled wheels, never pip") {
    PlanRequest request = request_for(pyenv_cpython_facts(11), "/tmp/env");
    request.facts.ensurepip_wheels.push_back({"setuptools", "65.5.0", "/x/setuptools.whl"});
    request.facts.ensurepip_wheels.push_back({"wheel", "0.40.0", "/x/wheel.whl"});
    CHECK(make_plan(request).wheels.size() == 2); // ensurepip's choice: pip, setuptools
    request.options.seed_wheel = "0.40.0";
    CHECK(make_plan(request).wheels.size() == 3);
    request.options.seed_setuptools = "none";
    request.options.seed_wheel = "none";
    const Plan plan = make_plan(request);
    REQUIRE(plan.wheels.size() == 1);
    CHECK(plan.wheels.front().project == "pip");
}
