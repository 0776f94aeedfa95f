#pragma once
// How pip arrives in a new venv: bundled wheels, else ensurepip; then bytecode
// and --upgrade-deps. The one place that decides it.

#include "seed/seed_layout.hpp"
#include "venv/plan.hpp"

#include <boost/filesystem/path.hpp>

namespace cppvenv {

// The layout of `plan`'s venv being built in `build_root`, for seed/.
SeedLayout seed_layout_for(const Plan& plan, const InterpreterFacts& facts,
                           const boost::filesystem::path& build_root, WriteMode mode);

} // namespace cppvenv
