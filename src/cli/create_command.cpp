// The `create` subcommand: parses options into CreateOptions and calls create_venvs.
#include "cli/create_command.hpp"

#include "util/error.hpp"

#include <CLI/CLI.hpp>

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
                                          "latest version on PyPI.");
    upgrade_deps->excludes(without_pip);
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
}

} // namespace cppvenv
