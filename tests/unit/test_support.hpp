#pragma once

#include "python/interpreter_facts.hpp"
#include "venv/plan.hpp"

#include <boost/filesystem/operations.hpp>
#include <initializer_list>
#include <map>
#include <string>

namespace cppvenv::testing {

// Facts as recorded from real interpreters on Linux, so plans can be checked
// without running them.
InterpreterFacts pyenv_cpython_facts(int minor);
InterpreterFacts debian_python3_facts();
InterpreterFacts pypy39_facts();

// A plan request for `facts` at `env_dir`, with default options.
PlanRequest plan_request(const InterpreterFacts& facts, const std::string& env_dir,
                         Platform platform = Platform::Posix);

// The key/value pairs of the plan's pyvenv.cfg (the test fails when there is none).
std::map<std::string, std::string> pyvenv_cfg_values(const Plan& plan);

// A fresh empty folder, removed when the object goes out of scope.
class TemporaryDirectory {
public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    const boost::filesystem::path& path() const { return path_; }

private:
    boost::filesystem::path path_;
};

// Writes `text` to `path` (making its parent folders) with `mode`.
void write_text(const boost::filesystem::path& path, const std::string& text, unsigned mode = 0644);

#ifndef _WIN32
// The exit code of the forked `child` once it has ended, which it must by exit
// (a child that changes its signal actions or records an interrupt keeps those
// changes from the other tests).
int exit_code_of(int child);
#endif
#ifdef __linux__
// Makes the system calls numbered `calls` (__NR_...) fail with EPERM in this
// process from now on, as a seccomp sandbox may; false when this system has no
// seccomp filters. Only in a forked child: the filter cannot be taken off.
bool deny_system_calls(std::initializer_list<long> calls);
#endif

} // namespace cppvenv::testing
