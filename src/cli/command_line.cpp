// The CLI11 app: subcommands, global flags, and mapping CLI11's exit codes.
#include "activation/activation_hint.hpp"
#include "cli/command.hpp"
#include "cli/create_command.hpp"
#include "cli/help_format.hpp"
#include "cli/settings.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "venv/create.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <memory>

namespace cppvenv {

namespace {

// One line on a terminal saying how to activate the (last) venv in the user's
// shell; nothing for a script reading stderr, with -q or --dry-run.
void print_activation_hint(const CreateOptions& options) {
    if (options.dry_run || options.env_dirs.empty() || verbosity() < 0 ||
        !platform::standard_error_is_terminal()) {
        return;
    }
    try {
        print_to_stderr(activation_hint(environment_variable("SHELL").value_or(""),
                                        options.env_dirs.back(), host_platform()) +
                        "\n");
    } catch (const Error&) {
        // A path this shell cannot quote (a newline for csh): no hint.
    }
}

} // namespace

Command add_create_subcommand(CLI::App& root) {
    auto options = std::make_shared<CreateOptions>();
    CLI::App* create = add_create_command(root, *options);
    create->footer(
        "Examples:\n"
        "  cppvenv create                       .venv here, prompt (this folder's name)\n"
        "  cppvenv create .venv                 python3 on PATH (or .python-version)\n"
        "  cppvenv create -p 3.12 .venv         the first Python 3.12 found\n"
        "  cppvenv create --clear --without-pip build/env");
    return {create, [create, options] {
                GlobalSettings global;
                for (const ResolvedSetting& setting :
                     apply_settings(SettingGroup::Create, *create, global, *options)) {
                    if (setting.source != SettingSource::Default) {
                        print_verbose(describe_setting(setting));
                    }
                }
                default_env_dir(*options);
                validate_create_options(*options);
                create_venvs(*options);
                print_activation_hint(*options);
                return 0;
            }};
}

namespace {

// One subcommand of the root: its names, as CLI11 matches them, and what adds it.
struct SubcommandBuilder {
    const char* name;
    const char* alias; // or nullptr
    std::vector<Command> (*add)(CLI::App& root);
};

template <Command (*add_one)(CLI::App&)> std::vector<Command> add_single(CLI::App& root) {
    return {add_one(root)};
}

// In the order `cppvenv --help` lists them.
const SubcommandBuilder subcommand_builders[] = {
    {"create", nullptr, add_single<add_create_subcommand>},
    {"info", nullptr, add_single<add_info_command>},
    {"list", nullptr, add_single<add_list_command>},
    {"check", nullptr, add_single<add_check_command>},
    {"run", nullptr, add_single<add_run_command>},
    {"shell", nullptr, add_single<add_shell_command>},
    {"remove", "rm", add_single<add_remove_command>},
    {"python", nullptr, add_single<add_python_command>},
    {"completion", nullptr, add_single<add_completion_command>},
    {"config", nullptr, add_single<add_config_command>},
    {"move", nullptr, add_single<add_move_command>},
    {"cache", nullptr, add_cache_commands},
};

// The root app and its global options, then the subcommands `only` names (all when null).
std::vector<Command> build(CLI::App& app, GlobalOptions& options, const char* only) {
    app.description("cppvenv: create and manage Python virtual environments, fast.");
    app.set_version_flag("--version", std::string("cppvenv ") + CPPVENV_VERSION);
    app.require_subcommand(1);
    app.fallthrough(); // -v and -q also work after the subcommand
    app.add_flag("-v,--verbose", options.verbose, "Explain each step on stderr.");
    app.add_flag("-q,--quiet", options.quiet, "Print nothing but errors.");
    app.add_option("--color", options.color,
                   "Colour: auto (a terminal; NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE and TERM=dumb "
                   "count), always or never.")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->option_text("WHEN");
    app.footer("Run `cppvenv COMMAND --help` for one command's options.\n"
               "Exit codes: 0 success, 1 failure (or an unhealthy venv for `check`), 2 usage "
               "error.\n\n"
               "Examples:\n"
               "  cppvenv create .venv                 a venv with pip, like python -m venv\n"
               "  cppvenv run .venv python -m pytest   run a command in it, no activation\n"
               "  cppvenv list ~/src                   every venv under a folder, and its "
               "health");
    std::shared_ptr<HelpFormatter> help = install_help_formatter(app);
    std::vector<Command> commands;
    for (const SubcommandBuilder& builder : subcommand_builders) {
        if (only != nullptr && std::strcmp(only, builder.name) != 0) {
            continue;
        }
        for (Command& command : builder.add(app)) {
            commands.push_back(std::move(command));
        }
        if (std::strcmp(builder.name, "run") == 0) {
            help->set_usage_tail(commands.back().app, "[COMMAND [ARGS...]]");
        }
    }
    return commands;
}

} // namespace

std::vector<Command> build_command_line(CLI::App& app, GlobalOptions& options) {
    return build(app, options, nullptr);
}

std::vector<Command> build_command_line_for(CLI::App& app, GlobalOptions& options,
                                            const char* subcommand) {
    return build(app, options, subcommand);
}

namespace {

bool is_global_flag(const std::string& word) {
    if (word == "--verbose" || word == "--quiet" || word.rfind("--color=", 0) == 0) {
        return true;
    }
    return word.size() > 1 && word[0] == '-' &&
           word.find_first_not_of("vq", 1) == std::string::npos; // -v, -vv, -q
}

// The one global option that takes its value as the next word.
bool takes_next_word(const std::string& word) {
    return word == "--color";
}

} // namespace

const char* subcommand_to_build_alone(const std::vector<std::string>& arguments) {
    // Help is the whole tree's to answer: building one subcommand first would
    // only be built again.
    if (std::any_of(arguments.begin(), arguments.end(),
                    [](const std::string& word) { return word == "-h" || word == "--help"; })) {
        return nullptr;
    }
    for (auto word = arguments.begin(); word != arguments.end(); ++word) {
        if (takes_next_word(*word)) {
            if (++word == arguments.end()) {
                return nullptr;
            }
            continue; // CLI11 takes the next word as the value, whatever it is
        }
        if (is_global_flag(*word)) {
            continue;
        }
        for (const SubcommandBuilder& builder : subcommand_builders) {
            if (*word == builder.name || (builder.alias != nullptr && *word == builder.alias)) {
                // `completion` describes every command, so it needs them all.
                return std::strcmp(builder.name, "completion") == 0 ? nullptr : builder.name;
            }
        }
        return nullptr; // --help, --version, a mistake: the whole tree answers
    }
    return nullptr;
}

std::vector<std::string> prepare_arguments(int argc, const char* const* argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    auto run = arguments.begin();
    while (run != arguments.end() && run->size() > 1 && run->front() == '-' && *run != "--") {
        // cppvenv's own options: -v, -q, --color WHEN
        run += takes_next_word(*run) && run + 1 != arguments.end() ? 2 : 1;
    }
    if (run == arguments.end() || *run != "run") {
        return arguments;
    }
    // `run` ends its own option parsing at ENV_DIR; -v, -q and --color given
    // between `run` and ENV_DIR are cppvenv's, so move them before `run`.
    std::vector<std::string> moved;
    auto word = run + 1;
    while (word != arguments.end() && word->size() > 1 && word->front() == '-' && *word != "--") {
        if (takes_next_word(*word) && word + 1 != arguments.end()) {
            moved.insert(moved.end(), word, word + 2);
            word = arguments.erase(word, word + 2);
        } else if (is_global_flag(*word)) {
            moved.push_back(*word);
            word = arguments.erase(word);
        } else {
            ++word;
        }
    }
    if (word != arguments.end() && *word != "--" && word + 1 != arguments.end() &&
        *(word + 1) == "--") {
        arguments.erase(word + 1);
    }
    run = std::find(arguments.begin(), arguments.end(), "run");
    arguments.insert(run, moved.begin(), moved.end());
    return arguments;
}

const Command* parsed_command(const std::vector<Command>& commands) {
    for (const Command& command : commands) {
        if (command.app->parsed()) {
            return &command;
        }
    }
    return nullptr;
}

} // namespace cppvenv
