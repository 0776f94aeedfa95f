// The `create` subcommand: parses options into CreateOptions and calls create_venvs.
#include "cli/create_command.hpp"

#include "seed/seed_selection.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <tuple>

namespace cppvenv {

CLI::App* add_create_command(CLI::App& app, CreateOptions& options) {
    CLI::App* create = app.add_subcommand(
        "create", "Create one or more virtual environments (like `python -m venv`).");
    create->add_option("ENV_DIR", options.env_dirs, "A directory to create the environment in.")
        ->required();
    create->add_option("-p,--python", options.python_spec,
                       "Interpreter: a path, a command name (python3.12, pypy3) or a version "
                       "(3.12). Default: .python-version here or in a parent, else python3 on "
                       "PATH.");
    create->add_flag("--system-site-packages", options.system_site_packages,
                     "Give the environment access to the system site-packages dir.");
    auto* symlinks = create->add_flag_callback(
        "--symlinks", [&options] { options.link_mode = LinkMode::Symlinks; },
        "Try to use symlinks rather than copies (the default on POSIX).");
    auto* copies = create->add_flag_callback(
        "--copies", [&options] { options.link_mode = LinkMode::Copies; },
        "Try to use copies rather than symlinks.");
    symlinks->excludes(copies);
    auto* clear = create->add_flag("--clear", options.clear,
                                   "Replace the environment if it already exists (only ever "
                                   "deletes a venv).");
    auto* upgrade = create->add_flag("--upgrade", options.upgrade,
                                     "Upgrade the environment to use this version of Python, "
                                     "assuming Python has been upgraded in-place.");
    clear->excludes(upgrade);
    auto* without_pip = create->add_flag_callback(
        "--without-pip", [&options] { options.with_pip = false; },
        "Skip installing pip in the virtual environment.");
    create->add_option("--prompt", options.prompt,
                       "A prompt prefix for this environment ('.' means the current "
                       "directory's name).");
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
        "--without-scm-ignore-files", [&options] { options.scm_ignore_files = false; },
        "Skip writing the .gitignore that keeps the environment out of git.");
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
}

} // namespace cppvenv
