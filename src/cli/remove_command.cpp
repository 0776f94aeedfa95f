// The `remove` subcommand: options and calls remove_venv.
#include "cli/command.hpp"
#include "util/output.hpp"
#include "venv/remove.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace cppvenv {

Command add_remove_command(CLI::App& root) {
    auto env_dirs = std::make_shared<std::vector<std::string>>();
    auto force = std::make_shared<bool>(false);
    CLI::App* remove =
        root.add_subcommand("remove", "Delete venvs (only folders with pyvenv.cfg).");
    remove->alias("rm");
    remove->add_option("ENV_DIR", *env_dirs, "The venvs to delete.")->required();
    remove->add_flag("-f,--force", *force,
                     "A path that does not exist is no error (as rm -f); refusals still are.");
    remove->footer("Never deletes a symlink, /, $HOME, or the current folder or its parents, and "
                   "only what belongs to the venv: a venv that shares its folder with other files "
                   "loses only its own entries (bin, lib, include, pyvenv.cfg, ...). A venv alone "
                   "in its folder is moved aside first (.NAME.cppvenv-removing-PID-RANDOM), so an "
                   "interrupted removal never leaves half a venv under its name.\n\n"
                   "Examples:\n"
                   "  cppvenv remove .venv\n"
                   "  cppvenv rm -v old-env other-env");
    return {remove, [env_dirs, force] {
                for (const std::string& env_dir : *env_dirs) {
                    remove_venv(env_dir, *force ? MissingVenv::Ignore : MissingVenv::Fail);
                    print_verbose(fmt::format("removed {}", env_dir));
                }
                return 0;
            }};
}

} // namespace cppvenv
