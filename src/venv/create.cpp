#include "venv/create.hpp"

#include "python/inspection.hpp"
#include "seed/install_wheels.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/process.hpp"
#include "venv/apply.hpp"
#include "venv/plan.hpp"
#include "venv/target_state.hpp"

#include <algorithm>
#include <boost/filesystem/operations.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// pyvenv.cfg's `command`: how to make this venv again.
std::string recreate_command(const CreateOptions& options, const InterpreterFacts& facts,
                             const fs::path& target) {
    std::vector<std::string> words = {running_executable(), "create", "--python", facts.executable};
    if (options.link_mode == LinkMode::Copies) {
        words.emplace_back("--copies");
    }
    if (!options.with_pip) {
        words.emplace_back("--without-pip");
    }
    if (options.system_site_packages) {
        words.emplace_back("--system-site-packages");
    }
    if (options.prompt) {
        words.push_back(fmt::format("--prompt=\"{}\"", *options.prompt));
    }
    if (!options.scm_ignore_files) {
        words.emplace_back("--without-scm-ignore-files");
    }
    words.push_back(target.string());
    return fmt::format("{}", fmt::join(words, " "));
}

std::optional<std::string> resolve_prompt(const CreateOptions& options) {
    if (options.prompt && *options.prompt == ".") {
        return current_directory().filename().string();
    }
    return options.prompt;
}

bool all_exist(const std::vector<BundledWheel>& wheels) {
    return std::all_of(wheels.begin(), wheels.end(),
                       [](const BundledWheel& wheel) { return fs::is_regular_file(wheel.path); });
}

void run_ensurepip(const fs::path& target, const Plan& plan) {
    const fs::path python = target / plan.python_in_venv;
    print_verbose(fmt::format("installing pip with {} -m ensurepip", python.string()));
    ProcessResult result = run_process(python, {"-m", "ensurepip", "--upgrade", "--default-pip"},
                                       OutputHandling::Capture);
    if (result.exit_code != 0) {
        std::string detail = result.standard_error;
        while (!detail.empty() && detail.back() == '\n') {
            detail.pop_back();
        }
        detail =
            detail.substr(detail.rfind('\n') == std::string::npos ? 0 : detail.rfind('\n') + 1);
        throw Error(fmt::format("installing pip into {} failed (ensurepip exited with {}): {}",
                                target.string(), result.exit_code, detail));
    }
}

// Writes .pyc files for what the seed installed, with the venv's own interpreter
// (after the venv is in place: a .pyc records its source's path).
void compile_bytecode(const fs::path& target, const Plan& plan) {
    const fs::path python = target / plan.python_in_venv;
    print_verbose("compiling the installed packages to bytecode");
    ProcessResult result =
        run_process(python, {"-m", "compileall", "-q", (target / plan.site_packages).string()},
                    OutputHandling::Capture);
    if (result.exit_code != 0) {
        throw Error(fmt::format("compiling the packages of {} to bytecode failed (compileall "
                                "exited with {}): {}",
                                target.string(), result.exit_code, result.standard_output));
    }
}

void upgrade_dependencies(const fs::path& target, const Plan& plan, const InterpreterFacts& facts) {
    std::vector<std::string> arguments = {"-m", "pip", "install", "--upgrade", "pip"};
    if (facts.major == 3 && facts.minor < 12) {
        arguments.emplace_back("setuptools");
    }
    print_verbose("upgrading pip with the venv's own pip");
    ProcessResult result =
        run_process(target / plan.python_in_venv, arguments, OutputHandling::Inherit);
    if (result.exit_code != 0) {
        throw Error(fmt::format("upgrading the core packages of {} failed (pip exited with {}); "
                                "the venv itself is usable",
                                target.string(), result.exit_code));
    }
}

void create_one(const std::string& env_dir_argument, const CreateOptions& options,
                const FoundInterpreter& interpreter) {
    const fs::path target = absolute_path(env_dir_argument);
    const TargetState state = inspect_target(target);
    const ApplyMode mode = choose_apply_mode(target, state, options);

    PlanRequest request;
    request.facts = interpreter.facts;
    request.env_dir = TargetPath(target.string(), Platform::Posix);
    request.options = options;
    request.prompt = resolve_prompt(options);
    request.command = recreate_command(options, interpreter.facts, target);
    request.cppvenv_version = CPPVENV_VERSION;
    Plan plan = make_plan(request);

    if (options.dry_run) {
        fmt::print("{}", describe_plan(plan));
        fmt::print("  (dry run: {}; nothing was written)\n", describe_apply_mode(mode));
        return;
    }

    if (plan.pip == PipSource::BundledWheels && !all_exist(plan.wheels)) {
        // Cached facts outlived a wheel (Debian upgrades python3-pip-whl on its
        // own): ensurepip knows where the current one is.
        print_verbose("a bundled wheel named by the cached facts is gone; using ensurepip");
        plan.pip = PipSource::RunEnsurepip;
    }
    if (plan.pip == PipSource::RunEnsurepip && !interpreter.facts.has_ensurepip) {
        // Refused before anything is written, with the advice venv gives.
        throw Error(fmt::format(
            "cannot install pip into {}: {} has no bundled pip wheel and no ensurepip module. "
            "On Debian/Ubuntu install the python3-venv package (apt install python{}-venv), "
            "or pass --without-pip",
            target.string(), interpreter.path.string(), interpreter.facts.short_version()));
    }
    print_verbose(fmt::format("creating {} ({})", target.string(), describe_apply_mode(mode)));
    prepare_parent(target, mode);
    if (mode != ApplyMode::InPlace) {
        remove_stale_staging_dirs(target.parent_path());
    }
    bool run_ensurepip_after = plan.pip == PipSource::RunEnsurepip;
    BeforeConfigHook seed_wheels;
    if (plan.pip == PipSource::BundledWheels) {
        // Into the staging folder (or the venv, in place), before pyvenv.cfg.
        seed_wheels = [&](const fs::path& build_root) {
            const WriteMode write_mode =
                mode == ApplyMode::InPlace ? WriteMode::ReplaceAtomically : WriteMode::NewFiles;
            install_wheels(plan.wheels,
                           seed_layout_for(plan, interpreter.facts, build_root, write_mode));
        };
    }
    bool pip_installed = plan.pip != PipSource::None;
    if (apply_plan(plan, target, mode, seed_wheels) == ApplyOutcome::TargetAppeared) {
        // Another process made the venv while we built ours: refresh what it made,
        // and leave pip to the process that won.
        print_verbose(fmt::format("{} appeared meanwhile; refreshing it", target.string()));
        // Throws unless what appeared is one we may write into (a venv, or
        // anything under --allow-existing).
        choose_apply_mode(target, inspect_target(target), options);
        apply_plan(plan, target, ApplyMode::InPlace, nullptr);
        run_ensurepip_after = false;
        pip_installed = false;
    }
    if (run_ensurepip_after) {
        run_ensurepip(target, plan);
    }
    if (options.compile_bytecode && pip_installed) {
        compile_bytecode(target, plan);
    }
    if (options.upgrade_deps) {
        upgrade_dependencies(target, plan, interpreter.facts);
    }
}

} // namespace

void create_venvs(const CreateOptions& options) {
    FactsCache cache(default_cache_directory());
    FoundInterpreter interpreter =
        find_interpreter(options.python_spec, DiscoveryContext::from_environment(), cache);
    require_supported_interpreter(interpreter.facts, interpreter.path);
    print_verbose(fmt::format("using {} (Python {}, {})", interpreter.path.string(),
                              interpreter.facts.version_string(), interpreter.reason));
    for (const std::string& env_dir : options.env_dirs) {
        create_one(env_dir, options, interpreter);
    }
}

} // namespace cppvenv
