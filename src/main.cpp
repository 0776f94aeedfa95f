// The cppvenv executable: runs the CLI, prints errors once, maps exit codes.
#include "cli/command.hpp"
#include "cli/parse_errors.hpp"
#include "util/error.hpp"
#include "util/interrupts.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <exception>
#include <fmt/format.h>
#include <system_error>

using namespace cppvenv;

namespace {

constexpr int closed_pipe_status = 128 + 13; // 128 + SIGPIPE, as shells report it

void parse(CLI::App& app, const std::vector<std::string>& arguments) {
    std::vector<std::string> last_first(arguments.rbegin(), arguments.rend());
    app.parse(last_first); // CLI11 takes them last first
}

// True when CLI11 accepts the arguments: no help, --version or mistake.
bool parses_cleanly(CLI::App& app, const std::vector<std::string>& arguments) {
    try {
        parse(app, arguments);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

// Runs the command a parsed command line named; exceptions become messages and exit codes.
int run_parsed(const CLI::App& app, const GlobalOptions& options,
               const std::vector<Command>& commands) {
    try {
        apply_global_settings(app, options);
        if (const Command* command = parsed_command(commands)) {
            return command->run();
        }
        return 0;
    } catch (const Interrupted& interrupted) {
        print_error(interrupted.what());
        return interrupted.exit_code();
    } catch (const UsageError& error) {
        print_error(error.what());
        return 2;
    } catch (const Error& error) {
        print_error(error.what());
        return 1;
    } catch (const std::system_error& error) {
        if (error.code() == std::errc::broken_pipe) {
            // stdout's reader has gone (`cppvenv list | head -1`): nothing more
            // to say, and the status a shell shows for a pipe's writer it ended.
            return closed_pipe_status;
        }
        print_error(std::string("unexpected failure: ") + error.what());
        return 1;
    } catch (const std::exception& error) {
        print_error(std::string("unexpected failure: ") + error.what());
        return 1;
    }
}

// Writes what stdout still holds: output smaller than its buffer (a pipe's is
// 4 KiB) is only written at exit, where a failure would go unseen. `status`,
// or what the failure makes of it: 141 when stdout's reader has gone, 1 with
// a message when it cannot be written (`cppvenv list --json >/dev/full`).
int with_stdout_written(int status) {
    if (std::fflush(stdout) == 0 && std::ferror(stdout) == 0) {
        return status;
    }
    const int error = errno;
    if (error == EPIPE) {
        return status == 0 ? closed_pipe_status : status;
    }
    print_error(fmt::format("cannot write to stdout: {}", std::generic_category().message(error)));
    return status == 0 ? 1 : status;
}

int run(int argc, char** argv) {
    const std::vector<std::string> arguments = prepare_arguments(argc, argv);
    if (const char* subcommand = subcommand_to_build_alone(arguments)) {
        CLI::App app("", "cppvenv");
        GlobalOptions options;
        const std::vector<Command> commands = build_command_line_for(app, options, subcommand);
        if (parses_cleanly(app, arguments)) {
            return run_parsed(app, options, commands);
        }
        // Help, --version or a mistake: parsed again by the whole tree, so every
        // message, suggestion and exit code is the whole tree's.
    }
    CLI::App app("", "cppvenv");
    GlobalOptions options;
    const std::vector<Command> commands = build_command_line(app, options);
    try {
        parse(app, arguments);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        try { // CLI11 stores --color (and -q, -v) before it finds the mistake
            apply_global_settings(app, options);
        } catch (const Error&) {
            apply_colour_option(options); // a malformed setting: the command line alone
        }
        const ParseFailure failure = describe_parse_error(app, arguments, error);
        if (!failure.usage.empty()) {
            print_to_stderr(failure.usage + "\n");
        }
        print_error(failure.message);
        return 2; // as argparse does
    }
    return run_parsed(app, options, commands);
}

} // namespace

int main(int argc, char** argv) {
    platform::open_closed_standard_streams();
    platform::survive_closed_pipes();
    return with_stdout_written(run(argc, argv));
}
