// Pure: (facts, options, target path, platform) -> the Plan of what the venv holds.
#include "venv/plan.hpp"

#include "activation/activation.hpp"
#include "activation/template_rendering.hpp"
#include "util/error.hpp"
#include "venv/pip_arrival.hpp"
#include "venv/pyvenv_cfg.hpp"
#include "venv/windows_layout.hpp"

#include <fmt/format.h>

namespace cppvenv {

extern const char* const cachedir_tag_contents =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by cppvenv.\n"
    "# For information about cache directory tags, see:\n"
    "#\thttps://bford.info/cachedir/\n";

extern const char* const gitignore_contents =
    "# Created by cppvenv: this folder is a Python virtual "
    "environment; keep it out of version control.\n*\n";

namespace {

std::string file_name_of(const std::string& path) {
    std::string::size_type slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

void add_directory_with_parents(Plan& plan, const std::string& relative) {
    std::string prefix;
    for (const std::string& part : split_relative(relative)) {
        prefix += prefix.empty() ? part : "/" + part;
        if (!find_entry(plan, prefix)) {
            plan.entries.push_back({EntryKind::Directory, prefix, "", 0755, "", ""});
        }
    }
}

void add_file(Plan& plan, const std::string& relative, std::string contents) {
    plan.entries.push_back({EntryKind::File, relative, std::move(contents), 0644, "", ""});
}

// The names venv gives the interpreter in bin/, besides the executable's own name.
std::vector<std::string> interpreter_aliases(const InterpreterFacts& facts) {
    std::vector<std::string> names = {"python", "python3"};
    if (facts.implementation == "pypy" || facts.minor >= 9) {
        names.push_back(fmt::format("python3.{}", facts.minor));
    }
    if (facts.implementation == "pypy") {
        names.push_back("pypy3");
        names.push_back("pypy");
    }
    return names;
}

void add_posix_interpreters(Plan& plan, const PlanRequest& request) {
    const InterpreterFacts& facts = request.facts;
    const bool copies = request.options.link_mode == LinkMode::Copies;
    const std::string exe_name = file_name_of(facts.executable);
    const std::string bin = facts.scripts_dir;
    plan.python_in_venv = bin + "/" + exe_name;
    if (copies) {
        plan.entries.push_back(
            {EntryKind::Copy, plan.python_in_venv, "", 0755, "", facts.executable});
    } else {
        plan.entries.push_back(
            {EntryKind::Symlink, plan.python_in_venv, "", 0777, facts.executable, ""});
    }
    for (const std::string& alias : interpreter_aliases(facts)) {
        if (alias == exe_name) {
            continue;
        }
        if (copies) {
            plan.entries.push_back(
                {EntryKind::Copy, bin + "/" + alias, "", 0755, "", facts.executable});
        } else {
            plan.entries.push_back({EntryKind::Symlink, bin + "/" + alias, "", 0777, exe_name, ""});
        }
    }
    if (copies && facts.implementation == "pypy") {
        // PyPy's small executable needs its shared library beside it.
        const std::string dir = facts.executable.substr(0, facts.executable.rfind('/'));
        for (const std::string& library : facts.shared_libraries_beside_executable) {
            plan.entries.push_back(
                {EntryKind::Copy, bin + "/" + library, "", 0755, "", dir + "/" + library});
        }
    }
}

std::string resolve_env_name(const TargetPath& env_dir) {
    return env_dir.filename();
}

// uv's rule: a venv named `.venv` is the project's, and its prompt is the
// project folder's name ("(proj)" rather than "(.venv)"). Not when that name
// is empty (a venv at /.venv) or holds a line break no prompt can show.
std::optional<std::string> project_prompt(const TargetPath& env_dir) {
    if (env_dir.filename() != ".venv") {
        return std::nullopt;
    }
    const std::string project = env_dir.parent().filename();
    if (project.empty() || project.find_first_of("\n\r") != std::string::npos) {
        return std::nullopt;
    }
    return project;
}

} // namespace

const PlanEntry* find_entry(const Plan& plan, const std::string& relative_path) {
    for (const PlanEntry& entry : plan.entries) {
        if (entry.relative_path == relative_path) {
            return &entry;
        }
    }
    return nullptr;
}

Plan make_plan(const PlanRequest& request) {
    const InterpreterFacts& facts = request.facts;
    const bool windows = request.env_dir.platform() == Platform::Windows;
    const char path_separator = windows ? ';' : ':';
    if (request.env_dir.str().find(path_separator) != std::string::npos) {
        throw Error(fmt::format("refusing to create a venv in {} because it contains the PATH "
                                "separator {}",
                                request.env_dir.str(), path_separator));
    }
    if (request.env_dir.str().find_first_of(std::string("\n\r\0", 3)) != std::string::npos) {
        throw Error(fmt::format("refusing to create a venv at {}: the path holds a line break "
                                "or NUL, which pyvenv.cfg and activation scripts cannot hold",
                                python_string_repr(request.env_dir.str())));
    }

    // Facts say which system the interpreter is for; a venv for it must have
    // that system's layout, which is the one the plan was asked for.
    if (!facts.os_name.empty() && (facts.os_name == "nt") != windows) {
        throw Error(fmt::format("cannot make a venv at {} from {}: it is a Python for {}, and this "
                                "cppvenv makes venvs for {}",
                                request.env_dir.str(), facts.executable,
                                facts.os_name == "nt" ? "Windows" : "POSIX systems",
                                windows ? "Windows" : "POSIX systems"));
    }
    // Text files CPython's venv writes in text mode (pyvenv.cfg, 3.13's
    // .gitignore) have the system's line endings: CRLF on Windows.
    const LineEndings text_line_endings = windows ? LineEndings::CrLf : LineEndings::Lf;

    Plan plan;
    plan.env_dir = request.env_dir;
    plan.bin_dir = facts.scripts_dir;
    plan.site_packages = facts.purelib_dir;

    if (request.options.scm_ignore_files) {
        add_file(plan, ".gitignore", with_line_endings(gitignore_contents, text_line_endings));
    }
    add_file(plan, "CACHEDIR.TAG", cachedir_tag_contents);
    add_directory_with_parents(plan, facts.include_dir);
    add_directory_with_parents(plan, facts.purelib_dir);
    if (facts.platlib_dir != facts.purelib_dir) {
        add_directory_with_parents(plan, facts.platlib_dir);
    }
    if (!windows && facts.is_64bit && !facts.is_darwin && !find_entry(plan, "lib64")) {
        plan.entries.push_back({EntryKind::Symlink, "lib64", "", 0777, "lib", ""});
    }
    add_directory_with_parents(plan, facts.scripts_dir);
    if (windows) {
        add_windows_interpreters(plan, request);
        if (!find_entry(plan, plan.python_in_venv)) {
            throw Error(fmt::format("cannot make a venv from {}: the venv launcher it needs for "
                                    "{} is missing from its installation",
                                    facts.executable, plan.python_in_venv));
        }
    } else {
        add_posix_interpreters(plan, request);
    }

    const std::optional<std::string> chosen_prompt =
        request.prompt ? request.prompt : project_prompt(request.env_dir);
    const std::string prompt = chosen_prompt.value_or(resolve_env_name(request.env_dir));
    plan.relocatable = request.options.relocatable ? Relocatable::Yes : Relocatable::No;
    if (!request.options.upgrade) {
        ActivationValues values{request.env_dir, facts.scripts_dir, prompt, plan.relocatable};
        values.activators = request.options.activators;
        for (ActivationScript& script : render_activation_scripts(values)) {
            plan.entries.push_back({EntryKind::File, std::move(script.relative_path),
                                    std::move(script.contents), script.mode, "", ""});
        }
    }

    PipChoice pip = choose_pip_source(facts, request.options, request.seed_folder_wheels);
    plan.pip = pip.source;
    plan.wheels = std::move(pip.wheels);
    plan.package_link_mode = request.options.package_link_mode;
    plan.wheel_cache = request.options.wheel_cache;

    PyvenvCfg cfg;
    const std::string& executable = facts.executable;
    cfg.home = executable.substr(0, executable.find_last_of(windows ? "\\/" : "/"));
    cfg.include_system_site_packages = request.options.system_site_packages;
    cfg.version = facts.version_string();
    cfg.prompt = chosen_prompt; // written as venv writes --prompt, so info shows it
    cfg.executable = facts.real_executable;
    cfg.command = request.command;
    cfg.cppvenv_version = request.cppvenv_version;
    cfg.relocatable = request.options.relocatable;
    add_file(plan, "pyvenv.cfg", with_line_endings(render_pyvenv_cfg(cfg), text_line_endings));
    return plan;
}

std::string describe_plan(const Plan& plan) {
    std::string text = fmt::format("venv {}\n", plan.env_dir.str());
    for (const PlanEntry& entry : plan.entries) {
        const std::string path = (plan.env_dir / entry.relative_path).str();
        switch (entry.kind) {
        case EntryKind::Directory:
            text += fmt::format("  dir      {}\n", path);
            break;
        case EntryKind::File:
            text += fmt::format("  file     {} ({:o}, {} bytes)\n", path, entry.mode,
                                entry.contents.size());
            break;
        case EntryKind::Symlink:
            text += fmt::format("  symlink  {} -> {}\n", path, entry.link_target);
            break;
        case EntryKind::Copy:
            text += fmt::format("  copy     {} <- {}\n", path, entry.copy_source);
            break;
        }
    }
    switch (plan.pip) {
    case PipSource::None:
        break;
    case PipSource::BundledWheels:
        for (const BundledWheel& wheel : plan.wheels) {
            text +=
                fmt::format("  install  {} {} from {}\n", wheel.project, wheel.version, wheel.path);
        }
        break;
    case PipSource::RunEnsurepip:
        text += fmt::format("  run      {} -m ensurepip --upgrade --default-pip\n",
                            (plan.env_dir / plan.python_in_venv).str());
        break;
    }
    return text;
}

} // namespace cppvenv
