// The `run` subcommand: options and calls run_in_venv.
#include "cli/command.hpp"
#include "venv/run_in_venv.hpp"
#include "venv/shell_session.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace cppvenv {

namespace {

struct RunOptions {
    std::string env_dir;
};

} // namespace

Command add_run_command(CLI::App& root) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* run = root.add_subcommand("run", "Run a command as if the venv were activated.");
    run->add_option("ENV_DIR", options->env_dir,
                    "The venv; what follows it (after an optional `--`) is the command and its "
                    "arguments.")
        ->required();
    // Everything after ENV_DIR is the command's, options included, as for `env`.
    run->prefix_command();
    // The command's words belong to it, not to cppvenv: none of them may be taken
    // for cppvenv's options or subcommands (`cppvenv run env python -c ...`).
    run->fallthrough(false);
    run->preparse_callback([&root, run](std::size_t) {
        for (CLI::App* other : root.get_subcommands({})) {
            if (other != run) {
                other->disabled();
            }
        }
    });
    run->footer("Sets VIRTUAL_ENV, puts the venv's bin/ first on PATH and unsets PYTHONHOME, then "
                "replaces cppvenv with the command. Without a command: `cppvenv shell ENV_DIR`.\n"
                "Exit status: the command's own; 127 when it is not found, 126 when it cannot "
                "run.\n"
                "Examples:\n"
                "  cppvenv run .venv python -m pytest -x\n"
                "  cppvenv run .venv -- ls -l           `--` is optional\n"
                "  cppvenv run .venv                    the same as `cppvenv shell .venv`");
    return {run, [options, run] {
                std::vector<std::string> command = run->remaining();
                if (!command.empty() && command.front() == "--") {
                    command.erase(command.begin());
                }
                if (command.empty()) {
                    return run_venv_shell(boost::filesystem::path(options->env_dir));
                }
                return exec_in_venv(options->env_dir, command);
            }};
}

} // namespace cppvenv
