#pragma once
// What every subcommand file provides to the CLI11 app.

#include <CLI/App.hpp>
#include <functional>
#include <string>
#include <vector>

namespace cppvenv {

// One runnable (sub)command: the CLI11 app it parses, and what runs when the
// command line named it. `run` returns the exit code; it throws Error (exit 1)
// or UsageError (exit 2) to fail with a one-line message.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

// Each subcommand registers itself with one of these; the options it parses live
// in storage that `run` owns.
Command add_create_subcommand(CLI::App& root);
Command add_info_command(CLI::App& root);
Command add_list_command(CLI::App& root);
Command add_check_command(CLI::App& root);
Command add_run_command(CLI::App& root);
Command add_shell_command(CLI::App& root);
Command add_remove_command(CLI::App& root);
Command add_move_command(CLI::App& root);
Command add_python_command(CLI::App& root); // `python list`
Command add_completion_command(CLI::App& root);
Command add_config_command(CLI::App& root);              // `config show`
std::vector<Command> add_cache_commands(CLI::App& root); // `cache dir|info|clean`

// The whole command line interface: global options and every subcommand.
struct GlobalOptions {
    int verbose = 0;
    bool quiet = false;
    std::string color; // --color: auto, always, never; empty when not given
};
std::vector<Command> build_command_line(CLI::App& app, GlobalOptions& options);

// The same global options with one subcommand (a name subcommand_to_build_alone
// returned): CLI11 builds every option of every subcommand it is given, most of a
// short command's time, though a command line runs one.
std::vector<Command> build_command_line_for(CLI::App& app, GlobalOptions& options,
                                            const char* subcommand);

// The subcommand the arguments name, when only -v, -q and --color WHEN come before
// it: once CLI11 has met it, it looks at no other subcommand of the root (the root
// takes one), so that subcommand alone parses the words as the whole tree does.
// nullptr when anything else comes first (--help, --version, a mistake), when there
// is no subcommand, for `completion`, which describes every command, and when
// -h or --help is anywhere (help is answered by the whole tree).
const char* subcommand_to_build_alone(const std::vector<std::string>& arguments);

// --color from the command line alone, for an error met before the settings
// are read (a command line CLI11 refused).
void apply_colour_option(const GlobalOptions& options);

// -q, -v, the cache folder and colour from the command line, else CPPVENV_*
// variables, else the config files; sets them for the process and returns the
// verbosity. Throws UsageError for a malformed value or config file.
int apply_global_settings(const CLI::App& app, const GlobalOptions& options);

// The arguments after the program name, ready for CLI11: in `cppvenv run ENV --
// COMMAND...` the `--` is dropped, as CLI11 would take it for the end of `run`'s
// own arguments and give the command's words to cppvenv.
std::vector<std::string> prepare_arguments(int argc, const char* const* argv);

// The command whose app was parsed (the innermost one), or nullptr.
const Command* parsed_command(const std::vector<Command>& commands);

} // namespace cppvenv
