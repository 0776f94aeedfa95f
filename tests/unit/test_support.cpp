#include "test_support.hpp"

#include "catch_compat.hpp"
#include "venv/pyvenv_cfg.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sys/stat.h>
#ifndef _WIN32
#include <sys/wait.h>
#ifdef __linux__
#include <cerrno>
#include <cstddef>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <vector>
#endif
#endif

namespace cppvenv::testing {
namespace fs = boost::filesystem;

InterpreterFacts pyenv_cpython_facts(int minor) {
    InterpreterFacts facts;
    const std::string prefix = fmt::format("/root/.pyenv/versions/3.{}.1", minor);
    facts.implementation = "cpython";
    facts.major = 3;
    facts.minor = minor;
    facts.micro = 1;
    facts.abiflags = minor == 7 ? "m" : "";
    facts.executable = fmt::format("{}/bin/python3.{}", prefix, minor);
    facts.real_executable = facts.executable;
    facts.base_prefix = prefix;
    facts.os_name = "posix";
    facts.scripts_dir = "bin";
    facts.include_dir = minor >= 11 ? fmt::format("include/python3.{}", minor) : "include";
    facts.purelib_dir = fmt::format("lib/python3.{}/site-packages", minor);
    facts.platlib_dir = facts.purelib_dir;
    facts.has_ensurepip = true;
    facts.ensurepip_wheels.push_back(
        {"pip", "23.2.1", prefix + "/lib/ensurepip/_bundled/pip-23.2.1-py3-none-any.whl"});
    return facts;
}

InterpreterFacts debian_python3_facts() {
    InterpreterFacts facts = pyenv_cpython_facts(11);
    facts.micro = 2;
    facts.executable = "/usr/bin/python3";
    facts.real_executable = "/usr/bin/python3.11";
    facts.base_prefix = "/usr";
    return facts;
}

InterpreterFacts pypy39_facts() {
    InterpreterFacts facts = pyenv_cpython_facts(9);
    facts.implementation = "pypy";
    facts.micro = 16;
    facts.executable = "/usr/bin/pypy3";
    facts.real_executable = "/usr/bin/pypy3.9";
    facts.base_prefix = "/usr";
    facts.purelib_dir = "lib/pypy3.9/site-packages";
    facts.platlib_dir = facts.purelib_dir;
    return facts;
}

PlanRequest plan_request(const InterpreterFacts& facts, const std::string& env_dir,
                         Platform platform) {
    PlanRequest request;
    request.facts = facts;
    request.env_dir = TargetPath(env_dir, platform);
    request.command = "cppvenv create " + env_dir;
    request.cppvenv_version = "0.1.0";
    return request;
}

std::map<std::string, std::string> pyvenv_cfg_values(const Plan& plan) {
    const PlanEntry* cfg = find_entry(plan, "pyvenv.cfg");
    REQUIRE(cfg != nullptr);
    std::map<std::string, std::string> values;
    for (const auto& [key, value] : parse_pyvenv_cfg(cfg->contents)) {
        values[key] = value;
    }
    return values;
}

TemporaryDirectory::TemporaryDirectory() {
    path_ = fs::temp_directory_path() / fs::unique_path("cppvenv-unit-%%%%-%%%%-%%%%");
    fs::create_directories(path_);
}

TemporaryDirectory::~TemporaryDirectory() {
    boost::system::error_code ignored;
    fs::remove_all(path_, ignored);
}

void write_text(const fs::path& path, const std::string& text, unsigned mode) {
    fs::create_directories(path.parent_path());
    std::ofstream(path.string(), std::ios::binary) << text;
    ::chmod(path.c_str(), mode);
}

#ifndef _WIN32
int exit_code_of(int child) {
    int status = 0;
    REQUIRE(child > 0);
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}
#endif

#ifdef __linux__
bool deny_system_calls(std::initializer_list<long> calls) {
    std::vector<sock_filter> filter{BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr))};
    for (const long call : calls) {
        filter.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<__u32>(call), 0, 1));
        filter.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
    }
    filter.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    sock_fprog program{static_cast<unsigned short>(filter.size()), filter.data()};
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
           prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0;
}
#endif

} // namespace cppvenv::testing
