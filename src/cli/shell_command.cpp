#include "cli/command.hpp"
#include "venv/shell_session.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace cppvenv {

Command add_shell_command(CLI::App& root) {
    auto env_dir = std::make_shared<std::string>();
    CLI::App* shell =
        root.add_subcommand("shell", "Start your $SHELL with the venv activated; `exit` to leave.");
    shell->add_option("ENV_DIR", *env_dir,
                      "The venv (default: .venv in this folder or the nearest parent).");
    shell->footer(
        "Starts $SHELL interactively and activates the venv after the shell's own start-up "
        "files ran, so `python` and `pip` are the venv's even when your rc file puts pyenv or "
        "asdf shims first on PATH. The prompt shows the venv's prompt; `deactivate` works.\n"
        "bash: --rcfile sourcing ~/.bashrc, then bin/activate. zsh: a private ZDOTDIR whose "
        "files source your own. fish: -C. tcsh/csh: HOME is a private folder while they start. "
        "nu: --execute 'overlay use'. xonsh: --rc loading your rc files. dash, ksh, mksh, "
        "busybox sh: ENV. Another $SHELL (or none): /bin/sh, with a note.\n"
        "Exit status: the shell's own (`exit 3` makes cppvenv exit 3).\n"
        "Examples:\n"
        "  cppvenv shell                        the .venv here or in a parent folder\n"
        "  cppvenv shell build/env\n"
        "  SHELL=/bin/zsh cppvenv shell .venv   another shell than your own");
    return {shell, [env_dir] {
                return run_venv_shell(env_dir->empty()
                                          ? std::nullopt
                                          : std::optional<boost::filesystem::path>(*env_dir));
            }};
}

} // namespace cppvenv
