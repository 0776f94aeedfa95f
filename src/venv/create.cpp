#include "venv/create.hpp"

#include "python/inspection.hpp"
#include "python/python_child.hpp"
#include "seed/install_wheels.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/interrupts.hpp"
#include "util/output.hpp"
#include "util/process.hpp"
#include "venv/apply.hpp"
#include "venv/pip_arrival.hpp"
#include "venv/plan.hpp"
#include "venv/target_state.hpp"
#include "venv/venv_info.hpp"

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
        return fs::current_path().filename().string();
    }
    return options.prompt;
}

bool all_exist(const std::vector<BundledWheel>& wheels) {
    return std::all_of(wheels.begin(), wheels.end(),
                       [](const BundledWheel& wheel) { return fs::is_regular_file(wheel.path); });
}

// Whether pip can come from somewhere: wheels that still exist, or ensurepip.
bool has_pip_source(const InterpreterFacts& facts) {
    return (!facts.ensurepip_wheels.empty() && all_exist(facts.ensurepip_wheels)) ||
           facts.has_ensurepip;
}

// The venv's own interpreter, isolated (-I, no PYTHON* variables), run from the
// venv's folder as CPython's venv runs it; captured output is bounded.
ProcessResult run_venv_python(const fs::path& target, const Plan& plan,
                              std::vector<std::string> arguments, OutputHandling output) {
    arguments.insert(arguments.begin(), isolated_flag);
    ProcessOptions process_options = python_child_options(target, output, std::chrono::minutes(10));
    process_options.set_variables = {{"VIRTUAL_ENV", target.string()}};
    return run_process(target / plan.python_in_venv, arguments, process_options);
}

const PlanEntry* plan_entry(const Plan& plan, const std::string& path) {
    for (const PlanEntry& entry : plan.entries) {
        if (entry.relative_path == path) {
            return &entry;
        }
    }
    return nullptr;
}

void run_ensurepip(const fs::path& target, const Plan& plan, const PlanRequest& request) {
    const fs::path python = target / plan.python_in_venv;
    print_verbose(fmt::format("installing pip with {} -m ensurepip", python.string()));
    // With the system site-packages visible, ensurepip would find the base's pip
    // and install none: as CPython's venv does, hide them while it runs.
    const bool hide_system_site = request.options.system_site_packages;
    if (hide_system_site) {
        PlanRequest without = request;
        without.options.system_site_packages = false;
        const Plan hidden = make_plan(without);
        write_file_atomically(target / "pyvenv.cfg", plan_entry(hidden, "pyvenv.cfg")->contents);
    }
    ProcessResult result = run_venv_python(
        target, plan, {"-m", "ensurepip", "--upgrade", "--default-pip"}, OutputHandling::Capture);
    if (hide_system_site) {
        write_file_atomically(target / "pyvenv.cfg", plan_entry(plan, "pyvenv.cfg")->contents);
    }
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
    ProcessResult result = run_venv_python(
        target, plan, {"-m", "compileall", "-q", (target / plan.site_packages).string()},
        OutputHandling::Capture);
    if (result.exit_code != 0) {
        throw Error(fmt::format("compiling the packages of {} to bytecode failed (compileall "
                                "exited with {}): {}",
                                target.string(), result.exit_code, result.standard_output));
    }
}

void upgrade_dependencies(const fs::path& target, const Plan& plan, const InterpreterFacts& facts) {
    std::vector<std::string> arguments = {"-m", "pip", "install", "--upgrade", "pip"};
    if (verbosity() < 0) {
        arguments.emplace_back("--quiet");
    }
    if (facts.major == 3 && facts.minor < 12) {
        arguments.emplace_back("setuptools");
    }
    print_verbose("upgrading pip with the venv's own pip");
    ProcessResult result = run_venv_python(target, plan, arguments, OutputHandling::Inherit);
    if (result.exit_code != 0) {
        throw Error(fmt::format("upgrading the core packages of {} failed (pip exited with {}); "
                                "the venv itself is usable",
                                target.string(), result.exit_code));
    }
}

std::string implementation_name(const std::string& implementation) {
    return implementation == "pypy"      ? "PyPy"
           : implementation == "cpython" ? "CPython"
                                         : implementation;
}

// Re-creating a venv for another minor version or implementation would leave
// the old one's packages (lib/pythonX.Y) behind, unused: refused, as --upgrade
// only ever moves to another patch release of the same Python.
void refuse_version_switch(const fs::path& target, const std::string& shown,
                           const InterpreterFacts& facts) {
    VenvConfig config;
    try {
        config = read_venv_config(target);
    } catch (const Error&) {
        return; // an unreadable pyvenv.cfg is rewritten
    }
    const std::string version = normalize_python_version(config.version);
    const std::string minor = version.substr(0, version.find('.', version.find('.') + 1));
    const bool other_version = !minor.empty() && minor != facts.short_version();
    if (config.implementation.empty()) {
        config.implementation = implementation_from_layout(target);
    }
    const bool other_implementation =
        !config.implementation.empty() && config.implementation != facts.implementation;
    if (!other_version && !other_implementation) {
        return;
    }
    throw Error(fmt::format(
        "{} is a venv for {} {}, not {} {}: its packages would be left behind; pass --clear to "
        "start again with {} {} (then reinstall its packages), or choose -p {}",
        shown,
        implementation_name(config.implementation.empty() ? facts.implementation
                                                          : config.implementation),
        minor.empty() ? config.version : minor, implementation_name(facts.implementation),
        facts.short_version(), implementation_name(facts.implementation), facts.short_version(),
        minor.empty() ? config.version : minor));
}

void create_one(const std::string& env_dir_argument, const CreateOptions& options,
                const FoundInterpreter& interpreter) {
    const fs::path target = absolute_path(env_dir_argument);
    const TargetState state = inspect_target(target);
    const ApplyMode mode = choose_apply_mode(target, state, options);
    if (state.kind == TargetKind::Venv && !options.clear) {
        refuse_version_switch(target, env_dir_argument, interpreter.facts);
    }
    const ApplyTarget apply_target{target, env_dir_argument, state.identity};

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
    remove_stale_staging_dirs(target.parent_path());
    bool run_ensurepip_after = plan.pip == PipSource::RunEnsurepip;
    BeforeConfigHook seed_wheels;
    if (plan.pip == PipSource::BundledWheels) {
        // Into the staging folder (or the venv, in place), before pyvenv.cfg.
        seed_wheels = [&](const fs::path& build_root) {
            const WriteMode write_mode =
                mode == ApplyMode::InPlace || mode == ApplyMode::ClearInPlace
                    ? WriteMode::ReplaceAtomically
                    : WriteMode::NewFiles;
            install_wheels(plan.wheels,
                           seed_layout_for(plan, interpreter.facts, build_root, write_mode));
        };
    }
    bool pip_installed = plan.pip != PipSource::None;
    if (apply_plan(plan, apply_target, mode, seed_wheels) == ApplyOutcome::TargetAppeared) {
        // Another process made the venv while we built ours: refresh what it made,
        // and leave pip to the process that won.
        print_verbose(fmt::format("{} appeared meanwhile; refreshing it", target.string()));
        // Throws unless what appeared is one we may write into (a venv, or
        // anything under --allow-existing).
        const TargetState appeared = inspect_target(target);
        choose_apply_mode(target, appeared, options);
        apply_plan(plan, {target, env_dir_argument, appeared.identity}, ApplyMode::InPlace,
                   nullptr);
        run_ensurepip_after = false;
        pip_installed = false;
    }
    if (run_ensurepip_after) {
        run_ensurepip(target, plan, request);
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
    if (options.with_pip && !has_pip_source(interpreter.facts)) {
        // A negative fact may be stale: installing python3.X-venv on Debian adds
        // ensurepip without changing the interpreter's file, so look again
        // before it makes create fail.
        print_verbose("no pip source in the known facts; inspecting the interpreter again");
        interpreter.facts = interpreter_facts(interpreter.path, cache, FactsSource::Run);
    }
    print_verbose(fmt::format("using {} (Python {}, {})", interpreter.path.string(),
                              interpreter.facts.version_string(), interpreter.reason));
    for (const std::string& env_dir : options.env_dirs) {
        // SIGINT, SIGTERM and SIGHUP unwind (removing the staging folder) and
        // exit with 128 + the signal; SIGKILL leaves it to the next run.
        InterruptScope interrupts;
        try {
            create_one(env_dir, options, interpreter);
        } catch (const Interrupted&) {
            throw;
        } catch (const Error&) {
            throw_if_interrupted(); // a child killed by the same Ctrl-C
            throw;
        }
        throw_if_interrupted();
    }
}

} // namespace cppvenv
