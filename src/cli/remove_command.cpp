#include "cli/command.hpp"
#include "util/output.hpp"
#include "venv/remove.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace cppvenv {

Command add_remove_command(CLI::App& root) {
    auto env_dirs = std::make_shared<std::vector<std::string>>();
    CLI::App* remove =
        root.add_subcommand("remove", "Delete venvs (only folders with pyvenv.cfg).");
    remove->alias("rm");
    remove->add_option("ENV_DIR", *env_dirs, "The venvs to delete.")->required();
    remove->footer("Never deletes a symlink, /, $HOME, or the current folder or its parents. Each "
                   "venv is renamed aside first (.NAME.cppvenv-removing-PID), so an interrupted "
                   "removal never leaves half a venv under its name.\n\n"
                   "Examples:\n"
                   "  cppvenv remove .venv\n"
                   "  cppvenv rm -v old-env other-env");
    return {remove, [env_dirs] {
                for (const std::string& env_dir : *env_dirs) {
                    remove_venv(env_dir);
                    print_verbose(fmt::format("removed {}", env_dir));
                }
                return 0;
            }};
}

} // namespace cppvenv
