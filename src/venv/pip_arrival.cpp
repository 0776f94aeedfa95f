// How pip arrives in a new venv, top to bottom (the stages in pip_arrival.hpp).
#include "venv/pip_arrival.hpp"

#include "python/inspection.hpp"
#include "python/python_child.hpp"
#include "seed/install_wheels.hpp"
#include "seed/seed_folders.hpp"
#include "seed/seed_selection.hpp"
#include "util/embedded_files.hpp"
#include "util/error.hpp"
#include "util/output.hpp"
#include "util/process.hpp"
#include "util/tree_writer.hpp"
#include "venv/pip_upgrade.hpp"

#include <algorithm>
#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

bool all_exist(const std::vector<BundledWheel>& wheels) {
    return std::all_of(wheels.begin(), wheels.end(), [](const BundledWheel& wheel) {
        boost::system::error_code error; // unreadable counts as missing
        return fs::is_regular_file(wheel.path, error);
    });
}

// Whether pip can come from somewhere: wheels that still exist, or ensurepip.
bool has_pip_source(const InterpreterFacts& facts) {
    return (!facts.ensurepip_wheels.empty() && all_exist(facts.ensurepip_wheels)) ||
           facts.has_ensurepip;
}

bool is_bundled(const BundledWheel& wheel, const InterpreterFacts& facts) {
    return std::any_of(facts.ensurepip_wheels.begin(), facts.ensurepip_wheels.end(),
                       [&](const BundledWheel& bundled) { return bundled.path == wheel.path; });
}

bool customises_seeding(const CreateOptions& options) {
    return !options.seed_from.empty() || options.seed_pip || options.seed_setuptools ||
           options.seed_wheel;
}

// --upgrade-deps with --seed-from asks for the newest pip (and setuptools where
// venv upgrades it) of the folders and the bundle, instead of running pip.
void ask_for_newest(SeedRequest& request, const char* project,
                    const std::optional<std::string>& given) {
    if (request.kind == SeedRequestKind::Default) {
        request.kind = SeedRequestKind::Newest;
    } else if (request.kind != SeedRequestKind::None) {
        throw UsageError(fmt::format("--upgrade-deps installs the newest {0} found; it "
                                     "contradicts --{0} {1}",
                                     project, *given));
    }
}

SeedRequests seed_requests(const CreateOptions& options, const InterpreterFacts& facts) {
    SeedRequests requests{parse_seed_request("--pip", options.seed_pip),
                          parse_seed_request("--setuptools", options.seed_setuptools),
                          parse_seed_request("--wheel", options.seed_wheel)};
    if (!options.upgrade_deps) {
        return requests;
    }
    if (!options.seed_from.empty()) {
        ask_for_newest(requests.pip, "pip", options.seed_pip);
        if (seeded_by_default("setuptools", facts.major, facts.minor)) {
            ask_for_newest(requests.setuptools, "setuptools", options.seed_setuptools);
        }
    } else if (requests.pip.kind == SeedRequestKind::None) {
        throw UsageError("--upgrade-deps upgrades with the venv's pip, and --pip none installs "
                         "none (with --seed-from it installs the newest found, without pip)");
    }
    return requests;
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

void write_config(const fs::path& target, const Plan& plan) {
    TreeWriter(target).write_file("pyvenv.cfg", find_entry(plan, "pyvenv.cfg")->contents, 0644,
                                  Existing::Replace);
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
        write_config(target, make_plan(without));
    }
    ProcessResult result = run_venv_python(
        target, plan, {"-m", "ensurepip", "--upgrade", "--default-pip"}, OutputHandling::Capture);
    if (hide_system_site) {
        write_config(target, plan);
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

// setuptools as venv does below 3.12, unless the user seeded none.
bool upgrades_setuptools(const PlanRequest& request) {
    return seeded_by_default("setuptools", request.facts.major, request.facts.minor) &&
           parse_seed_request("--setuptools", request.options.seed_setuptools).kind !=
               SeedRequestKind::None;
}

void upgrade_dependencies(const fs::path& target, const Plan& plan, const PlanRequest& request) {
    const PipLogFile log;
    std::vector<std::string> arguments = {"-m", "pip", "install", "--upgrade"};
    for (const std::vector<std::string>& flags :
         {pip_verbosity_flags(verbosity()), pip_fail_fast_flags()}) {
        arguments.insert(arguments.end(), flags.begin(), flags.end());
    }
    arguments.insert(arguments.end(), {"--log", log.path().string(), "pip"});
    if (upgrades_setuptools(request)) {
        arguments.emplace_back("setuptools");
    }
    print_verbose("upgrading pip with the venv's own pip");
    ProcessResult result = run_venv_python(target, plan, arguments, OutputHandling::Inherit);
    // Offline, pip finds the installed pip "already satisfied" and succeeds
    // having upgraded nothing: its log says whether the index answered.
    if (std::optional<UnreachableIndex> index = unreachable_index(log.contents())) {
        throw Error(fmt::format("--upgrade-deps needs the package index, and {} is unreachable "
                                "({}); {} is usable with the pip it was created with (to "
                                "upgrade from local wheels, use --seed-from DIR)",
                                index->url, index->reason, target.string()));
    }
    if (result.exit_code != 0) {
        throw Error(fmt::format("upgrading the core packages of {} failed (pip exited with {}); "
                                "the venv itself is usable",
                                target.string(), result.exit_code));
    }
}

// The chosen wheels, into `layout`: one from a seed folder must first prove it
// is what its name says (the installer then checks its RECORD).
void install_chosen_wheels(const std::vector<BundledWheel>& wheels, const InterpreterFacts& facts,
                           const SeedLayout& layout) {
    for (const BundledWheel& wheel : wheels) {
        if (!is_bundled(wheel, facts)) {
            check_seed_wheel_identity(wheel);
        }
    }
    install_wheels(wheels, layout);
}

} // namespace

PipChoice choose_pip_source(const InterpreterFacts& facts, const CreateOptions& options,
                            const std::vector<SeedFolderWheel>& folder_wheels) {
    if (!options.with_pip) {
        return {PipSource::None, {}};
    }
    const SeedRequests requests = seed_requests(options, facts);
    const SeedCandidates candidates{options.seed_from, folder_wheels, facts.ensurepip_wheels};
    std::vector<BundledWheel> wheels =
        select_seed_wheels(requests, candidates, facts.major, facts.minor);
    const bool has_pip = std::any_of(wheels.begin(), wheels.end(), [](const BundledWheel& wheel) {
        return wheel.project == "pip";
    });
    if (requests.pip.kind == SeedRequestKind::Default && !has_pip) {
        if (!customises_seeding(options)) {
            return {PipSource::RunEnsurepip, {}}; // no bundled wheel was found
        }
        // ensurepip would install its own choice of the rest: ask for pip by name.
        SeedRequests pip_only;
        pip_only.pip.kind = SeedRequestKind::Newest;
        pip_only.setuptools.kind = pip_only.wheel.kind = SeedRequestKind::None;
        select_seed_wheels(pip_only, candidates, facts.major, facts.minor); // throws
    }
    if (wheels.empty()) {
        return {PipSource::None, {}};
    }
    return {PipSource::BundledWheels, std::move(wheels)};
}

void recheck_missing_pip_source(FoundInterpreter& interpreter, FactsCache& cache,
                                const CreateOptions& options) {
    if (options.with_pip && !has_pip_source(interpreter.facts)) {
        // A negative fact may be stale: installing python3.X-venv on Debian adds
        // ensurepip without changing the interpreter's file, so look again
        // before it makes create fail.
        print_verbose("no pip source in the known facts; inspecting the interpreter again");
        interpreter.facts = interpreter_facts(interpreter.path, cache, FactsSource::Run);
    }
}

void settle_pip_source(Plan& plan, const FoundInterpreter& interpreter, const fs::path& target) {
    if (plan.pip == PipSource::BundledWheels && !all_exist(plan.wheels)) {
        const auto chosen_elsewhere =
            std::find_if(plan.wheels.begin(), plan.wheels.end(), [&](const BundledWheel& wheel) {
                return !is_bundled(wheel, interpreter.facts);
            });
        if (chosen_elsewhere != plan.wheels.end()) {
            throw Error(fmt::format("{}: the wheel is gone (it was there a moment ago)",
                                    chosen_elsewhere->path));
        }
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
}

BeforeConfigHook pip_seeding_hook(const Plan& plan, const InterpreterFacts& facts, ApplyMode mode) {
    if (plan.pip != PipSource::BundledWheels) {
        return nullptr;
    }
    // Into the staging folder (or the venv, in place), before pyvenv.cfg.
    const WriteMode write_mode = mode == ApplyMode::InPlace || mode == ApplyMode::ClearInPlace
                                     ? WriteMode::ReplaceAtomically
                                     : WriteMode::NewFiles;
    return [&plan, &facts, write_mode](const fs::path& build_root) {
        install_chosen_wheels(plan.wheels, facts,
                              seed_layout_for(plan, facts, build_root, write_mode));
    };
}

void finish_pip_arrival(const fs::path& target, const Plan& plan, const PlanRequest& request,
                        VenvMadeBy made_by) {
    const bool installed_here = made_by == VenvMadeBy::ThisRun && plan.pip != PipSource::None;
    if (installed_here && plan.pip == PipSource::RunEnsurepip) {
        run_ensurepip(target, plan, request);
    }
    if (request.options.compile_bytecode && installed_here) {
        compile_bytecode(target, plan);
    }
    if (!request.options.upgrade_deps) {
        return;
    }
    if (request.options.seed_from.empty()) {
        upgrade_dependencies(target, plan, request);
        return;
    }
    // The newest of the folders and the bundle was the plan's choice, installed
    // with the venv; a venv another process made gets it now, in place (an
    // older version replaced, a same or newer one kept).
    if (made_by == VenvMadeBy::AnotherProcess && plan.pip == PipSource::BundledWheels) {
        install_chosen_wheels(
            plan.wheels, request.facts,
            seed_layout_for(plan, request.facts, target, WriteMode::ReplaceAtomically));
    }
    print_verbose("--upgrade-deps with --seed-from: installed the newest wheels found; pip "
                  "was not run");
}

std::string describe_pip_arrival(const Plan& plan, const PlanRequest& request) {
    std::string text;
    if (plan.pip == PipSource::BundledWheels) {
        for (const BundledWheel& wheel : plan.wheels) {
            for (const std::string& name :
                 console_script_names(wheel.path, request.facts.major, request.facts.minor)) {
                text += fmt::format("  script   {}  ({} {})\n",
                                    (plan.env_dir / plan.bin_dir / name).str(), wheel.project,
                                    wheel.version);
            }
        }
    }
    if (request.options.upgrade_deps && request.options.seed_from.empty()) {
        text += fmt::format("  run      {} -m pip install --upgrade pip{}\n",
                            (plan.env_dir / plan.python_in_venv).str(),
                            upgrades_setuptools(request) ? " setuptools" : "");
    }
    return text;
}

SeedLayout seed_layout_for(const Plan& plan, const InterpreterFacts& facts,
                           const fs::path& build_root, WriteMode mode) {
    SeedLayout layout;
    layout.build_root = build_root;
    layout.final_root = plan.env_dir.str();
    layout.scripts_dir = plan.bin_dir;
    layout.purelib_dir = facts.purelib_dir;
    layout.platlib_dir = facts.platlib_dir.empty() ? facts.purelib_dir : facts.platlib_dir;
    layout.headers_dir = fmt::format("include/site/python{}", facts.short_version());
    layout.python_in_venv = plan.python_in_venv;
    layout.python_major = facts.major;
    layout.python_minor = facts.minor;
    layout.write_mode = mode;
    layout.link_mode = plan.package_link_mode;
    if (layout.link_mode == PackageLinkMode::Symlink) {
        if (std::optional<std::string> tag =
                bytecode_tag(facts.implementation, facts.major, facts.minor)) {
            layout.bytecode_compiler = BytecodeCompiler{facts.executable, *tag};
        }
    }
    layout.wheel_cache = plan.wheel_cache;
    if (plan.env_dir.platform() == Platform::Windows) {
        layout.script_form = ConsoleScriptForm::WindowsLauncher;
        layout.windows_launcher = embedded_file("windows_console_launcher.exe");
    }
    layout.launcher_python = plan.relocatable == Relocatable::Yes ? LauncherPython::BesideScript
                                                                  : LauncherPython::Absolute;
    return layout;
}

} // namespace cppvenv
