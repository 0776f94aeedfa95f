#pragma once
// How pip arrives in a new venv: the one place that decides it, in the order
// create runs it:
//   1. choose_pip_source (pure, at plan time): the wheels chosen from the
//      --seed-from folders and the interpreter's bundle by --pip, --setuptools
//      and --wheel (by default the bundled wheels ensurepip would use), else
//      the venv's own ensurepip; ensurepip on Windows, whose .exe launchers
//      seed/ does not write; nothing with --without-pip.
//   2. recheck_missing_pip_source: a negative fact ("no ensurepip, no wheel") is
//      re-inspected before it makes create fail.
//   3. settle_pip_source, before anything is written: a wheel named by cached
//      facts that is gone falls back to ensurepip; no source at all is refused.
//   4. pip_seeding_hook: seed/ installs the wheels into the staging folder (or
//      the venv, in place) before pyvenv.cfg is written; a wheel from a seed
//      folder must first prove it installs what its name says.
//   5. finish_pip_arrival, once the venv is in place: ensurepip (with the system
//      site-packages hidden), bytecode, --upgrade-deps; every child isolated.
//      --upgrade-deps with --seed-from runs no pip: step 1 already chose the
//      newest pip (and setuptools below 3.12) of the folders and the bundle,
//      which is what "the latest" can honestly mean offline.

#include "python/discovery.hpp"
#include "python/facts_cache.hpp"
#include "seed/seed_layout.hpp"
#include "venv/apply.hpp"
#include "venv/plan.hpp"

#include <boost/filesystem/path.hpp>
#include <vector>

namespace cppvenv {

struct PipChoice {
    PipSource source = PipSource::None;
    std::vector<BundledWheel> wheels; // for PipSource::BundledWheels
};

// 1. Pure: where pip comes from, for a venv on `platform`; `folder_wheels` are
// the installable wheels of options.seed_from. Throws UsageError for requests
// that contradict each other, Error for a wheel asked for and not found.
PipChoice choose_pip_source(const InterpreterFacts& facts, const CreateOptions& options,
                            const std::vector<SeedFolderWheel>& folder_wheels, Platform platform);

// 2. Inspects the interpreter again when pip is wanted but its facts name no
// source (installing python3.X-venv adds ensurepip without changing the file).
void recheck_missing_pip_source(FoundInterpreter& interpreter, FactsCache& cache,
                                const CreateOptions& options);

// 3. Before anything is written: a vanished wheel means ensurepip; throws Error
// (with the advice venv gives) when neither can install pip.
void settle_pip_source(Plan& plan, const FoundInterpreter& interpreter,
                       const boost::filesystem::path& target);

// 4. The apply hook that installs the bundled wheels (none for other sources).
BeforeConfigHook pip_seeding_hook(const Plan& plan, const InterpreterFacts& facts, ApplyMode mode);

// Whether this run's apply put the venv in place (and so installs pip), or
// another process made it meanwhile and pip is left to that process.
enum class VenvMadeBy { ThisRun, AnotherProcess };

// 5. After the venv is in place. `request` is the plan's request (re-planned
// without system site-packages while ensurepip runs).
void finish_pip_arrival(const boost::filesystem::path& target, const Plan& plan,
                        const PlanRequest& request, VenvMadeBy made_by);

// The layout of `plan`'s venv being built in `build_root`, for seed/.
SeedLayout seed_layout_for(const Plan& plan, const InterpreterFacts& facts,
                           const boost::filesystem::path& build_root, WriteMode mode);

} // namespace cppvenv
