// The `move` subcommand: options and calls move_venv.
#include "cli/command.hpp"
#include "util/output.hpp"
#include "venv/move_venv.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace cppvenv {

Command add_move_command(CLI::App& root) {
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    CLI::App* move = root.add_subcommand(
        "move", "Move a venv and rewrite the paths it records (launchers, activation scripts, "
                "pyvenv.cfg).");
    move->add_option("OLD", *from, "The venv to move.")->required();
    move->add_option("NEW", *to, "Where it goes: a path that does not exist yet.")->required();
    move->footer(
        "The move is whole or not at all: every rewrite is staged first, then the folder "
        "is renamed, and a failure puts everything back. Only within one file system. "
        "NEW = OLD fixes, in place, a venv that was moved with mv or copied with cp -a.\n\n"
        "Examples:\n"
        "  cppvenv move .venv ../project2/.venv\n"
        "  cppvenv move copied-env copied-env");
    return {move, [from, to] {
                move_venv(*from, *to);
                print_verbose(fmt::format("moved {} to {}", *from, *to));
                return 0;
            }};
}

} // namespace cppvenv
