#pragma once
// The create pipeline: interpreter, plan, apply, pip.

#include "python/discovery.hpp"
#include "venv/create_options.hpp"

#include <string>

namespace cppvenv {

// The whole `create` pipeline for every ENV_DIR in `options`: find the
// interpreter, plan, apply, install pip. Throws Error at the first failure.
void create_venvs(const CreateOptions& options);

} // namespace cppvenv
