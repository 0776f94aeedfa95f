#pragma once
// The create pipeline: interpreter, plan, apply, pip.

#include "python/discovery.hpp"
#include "venv/create_options.hpp"
#include "venv/plan.hpp"

#include <boost/filesystem/path.hpp>
#include <string>

namespace cppvenv {

// The whole `create` pipeline for every ENV_DIR in `options`: find the
// interpreter, plan, apply, install pip. Throws Error at the first failure.
void create_venvs(const CreateOptions& options);

// What `create` plans for `target` (absolute) with `facts`: always for the
// platform this binary runs on (host_platform()), so a Windows build makes the
// Windows layout (Scripts\, python.exe, .bat scripts) and a POSIX build bin/.
PlanRequest create_plan_request(const CreateOptions& options, const InterpreterFacts& facts,
                                const boost::filesystem::path& target);

} // namespace cppvenv
