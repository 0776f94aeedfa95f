// The create pipeline for each ENV_DIR: interpreter, plan, apply, then pip.
#include "venv/create.hpp"

#include "python/inspection.hpp"
#include "seed/seed_folders.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/interrupts.hpp"
#include "util/output.hpp"
#include "venv/apply.hpp"
#include "venv/pip_arrival.hpp"
#include "venv/plan.hpp"
#include "venv/target_state.hpp"
#include "venv/venv_info.hpp"

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
    for (const std::string& folder : options.seed_from) {
        words.push_back(fmt::format("--seed-from=\"{}\"", absolute_path(folder).string()));
    }
    for (const auto& [flag, choice] : {std::pair{"--pip", &options.seed_pip},
                                       {"--setuptools", &options.seed_setuptools},
                                       {"--wheel", &options.seed_wheel}}) {
        if (*choice) {
            words.push_back(fmt::format("{}={}", flag, **choice));
        }
    }
    if (options.system_site_packages) {
        words.emplace_back("--system-site-packages");
    }
    if (options.prompt) {
        words.push_back(fmt::format("--prompt=\"{}\"", *options.prompt));
    }
    if (options.activators) {
        words.push_back(fmt::format("--activators={}", fmt::join(*options.activators, ",")));
    }
    if (!options.scm_ignore_files) {
        words.emplace_back("--without-scm-ignore-files");
    }
    if (options.relocatable) {
        words.emplace_back("--relocatable");
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

bool stays_relocatable(const fs::path& target) {
    try {
        return read_venv_config(target).relocatable;
    } catch (const Error&) {
        return false; // an unreadable pyvenv.cfg is rewritten
    }
}

void create_one(const std::string& env_dir_argument, const CreateOptions& options,
                const FoundInterpreter& interpreter,
                const std::vector<SeedFolderWheel>& seed_folder_wheels) {
    const fs::path target = absolute_path(env_dir_argument);
    const TargetState state = inspect_target(target);
    const ApplyMode mode = choose_apply_mode(target, state, options);
    if (state.kind == TargetKind::Venv && !options.clear) {
        refuse_version_switch(target, env_dir_argument, interpreter.facts);
    }
    const ApplyTarget apply_target{target, env_dir_argument, state.identity};

    CreateOptions effective = options;
    if (options.upgrade && state.kind == TargetKind::Venv && !options.relocatable) {
        // --upgrade rewrites pyvenv.cfg: a relocatable venv stays one.
        effective.relocatable = stays_relocatable(target);
    }
    PlanRequest request = create_plan_request(effective, interpreter.facts, target);
    request.seed_folder_wheels = seed_folder_wheels;
    Plan plan = make_plan(request);

    if (options.dry_run) {
        fmt::print("{}{}", describe_plan(plan), describe_pip_arrival(plan, request));
        fmt::print("  (dry run: {}; nothing was written)\n", describe_apply_mode(mode));
        return;
    }

    settle_pip_source(plan, interpreter, target);
    print_verbose(fmt::format("creating {} ({})", target.string(), describe_apply_mode(mode)));
    prepare_parent(target, mode);
    remove_stale_staging_dirs(target.parent_path());
    VenvMadeBy made_by = VenvMadeBy::ThisRun;
    if (apply_plan(plan, apply_target, mode, pip_seeding_hook(plan, interpreter.facts, mode)) ==
        ApplyOutcome::TargetAppeared) {
        // Another process made the venv while we built ours: refresh what it made,
        // and leave pip to the process that won.
        print_verbose(fmt::format("{} appeared meanwhile; refreshing it", target.string()));
        // Throws unless what appeared is one we may write into (a venv, or
        // anything under --allow-existing).
        const TargetState appeared = inspect_target(target);
        choose_apply_mode(target, appeared, options);
        apply_plan(plan, {target, env_dir_argument, appeared.identity}, ApplyMode::InPlace,
                   nullptr);
        made_by = VenvMadeBy::AnotherProcess;
    }
    finish_pip_arrival(target, plan, request, made_by);
}

} // namespace

PlanRequest create_plan_request(const CreateOptions& options, const InterpreterFacts& facts,
                                const fs::path& target) {
    PlanRequest request;
    request.facts = facts;
    request.env_dir = TargetPath(target.string(), host_platform());
    request.options = options;
    request.prompt = resolve_prompt(options);
    request.command = recreate_command(options, facts, target);
    request.cppvenv_version = CPPVENV_VERSION;
    return request;
}

void create_venvs(const CreateOptions& options) {
    // SIGINT, SIGTERM and SIGHUP unwind (removing the staging folder) and exit
    // with 128 + the signal, one message saying so; SIGKILL leaves it to the
    // next run. One scope for the whole command: a signal between two venvs,
    // or while the interpreter is found, would otherwise meet the default
    // action (the process ended, no message).
    InterruptScope interrupts;
    const auto naming_an_interrupt = [](auto step) {
        try {
            return step();
        } catch (const Interrupted&) {
            throw;
        } catch (const Error&) {
            throw_if_interrupted(); // a child killed by the same Ctrl-C
            throw;
        }
    };
    FactsCache cache(default_cache_directory());
    const FoundInterpreter interpreter = naming_an_interrupt([&] {
        FoundInterpreter found =
            find_interpreter(options.python_spec, DiscoveryContext::from_environment(), cache);
        require_supported_interpreter(found.facts, found.path);
        recheck_missing_pip_source(found, cache, options);
        return found;
    });
    print_verbose(fmt::format("using {} (Python {}, {})", interpreter.path.string(),
                              interpreter.facts.version_string(), interpreter.reason));
    const std::vector<SeedFolderWheel> seed_folder_wheels =
        options.with_pip ? find_seed_folder_wheels(options.seed_from, interpreter.facts)
                         : std::vector<SeedFolderWheel>();
    for (const std::string& env_dir : options.env_dirs) {
        throw_if_interrupted();
        naming_an_interrupt([&] {
            create_one(env_dir, options, interpreter, seed_folder_wheels);
            return 0;
        });
    }
    throw_if_interrupted();
}

} // namespace cppvenv
