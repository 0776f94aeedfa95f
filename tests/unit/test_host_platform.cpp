// The one platform notion: what production code gets from host_platform(), and
// that `create` plans for it (the Windows plan itself: test_windows_plan.cpp).
#include "catch_compat.hpp"
#include "test_support.hpp"
#include "util/host_platform.hpp"
#include "venv/create.hpp"
#include "venv/plan.hpp"

using namespace cppvenv;

TEST_CASE("host_platform() is the system this test binary was built for") {
#ifdef _WIN32
    STATIC_REQUIRE(host_platform() == Platform::Windows);
#else
    STATIC_REQUIRE(host_platform() == Platform::Posix);
#endif
    CHECK(path_list_separator(Platform::Posix) == ':');
    CHECK(path_list_separator(Platform::Windows) == ';');
    CHECK(std::string(venv_scripts_dir_name(Platform::Posix)) == "bin");
    CHECK(std::string(venv_scripts_dir_name(Platform::Windows)) == "Scripts");
}

TEST_CASE("create plans for the host platform: on this POSIX host bin/, lib64, no .bat") {
    const InterpreterFacts facts = testing::pyenv_cpython_facts(12);
    CreateOptions options;
    const PlanRequest request = create_plan_request(options, facts, "/srv/projects/env");
    CHECK(request.env_dir.platform() == host_platform());
    CHECK(request.env_dir.str() == "/srv/projects/env");
    const Plan plan = make_plan(request);
#ifdef _WIN32
    CHECK(plan.bin_dir == "Scripts");
    CHECK(find_entry(plan, "Scripts/activate.bat") != nullptr);
#else
    CHECK(request.env_dir.platform() == Platform::Posix);
    CHECK(plan.bin_dir == "bin");
    CHECK(find_entry(plan, "bin/activate") != nullptr);
    CHECK(find_entry(plan, "bin/activate.bat") == nullptr);
    CHECK(find_entry(plan, "lib64") != nullptr);
#endif
}

TEST_CASE("create's default link mode is the host's venv default") {
    const CreateOptions options;
    CHECK(options.link_mode ==
          (host_platform() == Platform::Windows ? LinkMode::Copies : LinkMode::Symlinks));
}
