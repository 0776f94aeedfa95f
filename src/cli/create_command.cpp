// The `create` subcommand: parses options into CreateOptions and calls create_venvs.
#include "cli/create_command.hpp"

#include "activation/activation.hpp"
#include "seed/seed_selection.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <tuple>

namespace cppvenv {

namespace {

std::vector<std::string> comma_separated(const std::string& list) {
    std::vector<std::string> words;
    std::string::size_type start = 0;
    while (start < list.size()) {
        std::string::size_type end = list.find(',', start);
        if (end == std::string::npos) {
            end = list.size();
        }
        std::string word = list.substr(start, end - start);
        word.erase(0, word.find_first_not_of(' '));
        word.erase(word.find_last_not_of(' ') + 1);
        if (!word.empty()) {
            words.push_back(word);
        }
        start = end + 1;
    }
    return words;
}

} // namespace

CLI::App* add_create_command(CLI::App& app, CreateOptions& options) {
    CLI::App* create = app.add_subcommand(
        "create", "Create one or more virtual environments (like `python -m venv`).");
    create->add_option("ENV_DIR", options.env_dirs,
                       "A directory to create the environment in. Default: .venv (as uv does), "
                       "whose prompt is the name of the folder it is in.");
    create->add_option("-p,--python", options.python_spec,
                       "Interpreter: a path or prefix folder, a command name (python3.12), a "
                       "version (3.12), an implementation (cpython3.12, pypy), a free-threaded "
                       "build (3.13t) or PEP 440 specifiers ('>=3.9,<3.12': the newest match). "
                       "Default: .python-version here or in a parent, else python3 on PATH.");
    create->add_flag("--system-site-packages", options.system_site_packages,
                     "Give the environment access to the system site-packages dir.");
    auto* symlinks = create->add_flag_callback(
        "--symlinks", [&options] { options.link_mode = LinkMode::Symlinks; },
        "Try to use symlinks rather than copies (the default on POSIX).");
    auto* copies = create->add_flag_callback(
        "--copies,--always-copy", [&options] { options.link_mode = LinkMode::Copies; },
        "Try to use copies rather than symlinks (--always-copy: virtualenv's name).");
    symlinks->excludes(copies);
    auto* clear = create->add_flag("--clear", options.clear,
                                   "Replace the environment if it already exists (only ever "
                                   "deletes a venv).");
    auto* upgrade = create->add_flag("--upgrade", options.upgrade,
                                     "Upgrade the environment to use this version of Python, "
                                     "assuming Python has been upgraded in-place.");
    clear->excludes(upgrade);
    auto* without_pip = create->add_flag_callback(
        "--without-pip,--no-pip,--no-seed", [&options] { options.with_pip = false; },
        "Skip installing pip in the virtual environment (--no-pip, --no-seed: virtualenv's "
        "names).");
    create
        ->add_flag("--seed", "Install pip: the default, accepted for `uv venv --seed` (pip is "
                             "seeded as venv does, setuptools below Python 3.12).")
        ->excludes(without_pip);
    create
        ->add_flag_callback(
            "--no-setuptools", [&options] { options.seed_setuptools = "none"; },
            "Install no setuptools where ensurepip would (below Python 3.12), as virtualenv's "
            "flag.")
        ->excludes(without_pip);
    create
        ->add_flag_callback(
            "--no-wheel", [&options] { options.seed_wheel = "none"; },
            "Install no wheel package where ensurepip would (virtualenv's flag; no ensurepip "
            "seeds it today).")
        ->excludes(without_pip);
    create->add_option_function<std::string>(
        "--activators",
        [&options](const std::string& list) { options.activators = comma_separated(list); },
        "Write only these activation scripts, virtualenv's names: bash (bin/activate), fish, "
        "cshell, nushell, xonsh, powershell, batch, python (activate_this.py); '' for none.");
    create
        ->add_option("--prompt", options.prompt,
                     "A prompt prefix for this environment ('.' means the current "
                     "directory's name).")
        ->type_name("PROMPT");
    auto* upgrade_deps = create->add_flag("--upgrade-deps", options.upgrade_deps,
                                          "Upgrade pip (and setuptools below 3.12) to the "
                                          "latest version on PyPI; with --seed-from, to the "
                                          "newest in the folders and the bundle, offline.");
    upgrade_deps->excludes(without_pip);
    auto* seed_from = create->add_option("--seed-from", options.seed_from,
                                         "A folder of wheels to seed pip, setuptools and wheel "
                                         "from, searched before the interpreter's bundled ones "
                                         "(repeatable; searched in the order given).");
    seed_from->type_name("DIR")->allow_extra_args(false)->excludes(without_pip);
    for (const auto& [name, choice, when] :
         {std::tuple{"--pip", &options.seed_pip, "always"},
          std::tuple{"--setuptools", &options.seed_setuptools, "below Python 3.12"},
          std::tuple{"--wheel", &options.seed_wheel, "never"}}) {
        create
            ->add_option(name, *choice,
                         fmt::format("Which {} to seed: VERSION (from --seed-from or the bundle), "
                                     "bundle (the interpreter's) or none. Default: as "
                                     "ensurepip ({}).",
                                     name + 2, when))
            ->type_name("VERSION|bundle|none")
            ->excludes(without_pip);
    }
    auto* compile_bytecode =
        create->add_flag("--compile-bytecode", options.compile_bytecode,
                         "Write .pyc files for the installed pip (and setuptools), as pip does; "
                         "off by default.");
    compile_bytecode->excludes(without_pip);
    create->add_flag_callback(
        "--without-scm-ignore-files,--no-vcs-ignore",
        [&options] { options.scm_ignore_files = false; },
        "Skip writing the .gitignore that keeps the environment out of git (--no-vcs-ignore: "
        "virtualenv's name).");
    create
        ->add_option_function<std::string>(
            "--link-mode",
            [&options](const std::string& name) {
                options.package_link_mode = *parse_package_link_mode(name);
            },
            "How pip's files come from the cache of unpacked wheels: clone (the default: "
            "reflinks where the file system has them, else copies), copy, hardlink or symlink "
            "(both share the cache's read-only files; see the README).")
        ->check(CLI::IsMember({"clone", "copy", "hardlink", "symlink"}))
        ->type_name("MODE");
    create->add_flag_callback(
        "--no-cache", [&options] { options.wheel_cache = WheelCacheUse::Bypass; },
        "Install pip straight from its wheel, without the cache of unpacked wheels.");
    create->add_flag("--relocatable", options.relocatable,
                     "Make an environment that still works after it is moved: launchers run "
                     "the python beside them and activation scripts find the environment from "
                     "their own location (in the shells that can tell it).");
    create->add_flag("--dry-run", options.dry_run, "Print what would be created; touch nothing.");
    create->add_flag_callback(
        "--allow-existing", [&options] { options.existing = ExistingDirectory::Allow; },
        "Write into an existing non-empty directory that is not a venv.");
    return create;
}

void default_env_dir(CreateOptions& options) {
    if (options.env_dirs.empty()) {
        options.env_dirs.emplace_back(".venv");
    }
}

void validate_create_options(const CreateOptions& options) {
    for (const std::string& env_dir : options.env_dirs) {
        if (env_dir.empty()) {
            throw UsageError("ENV_DIR must not be empty");
        }
    }
    parse_seed_request("--pip", options.seed_pip);
    parse_seed_request("--setuptools", options.seed_setuptools);
    parse_seed_request("--wheel", options.seed_wheel);
    for (const std::string& folder : options.seed_from) {
        if (folder.empty()) {
            throw UsageError("--seed-from must name a folder");
        }
    }
    if (options.activators) {
        check_activator_names(*options.activators);
    }
}

} // namespace cppvenv
