// The CLI11 app: subcommands, global flags, and mapping CLI11's exit codes.
#include "activation/activation_hint.hpp"
#include "cli/command.hpp"
#include "cli/create_command.hpp"
#include "cli/settings.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "venv/create.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
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
        fmt::print(stderr, "{}\n",
                   activation_hint(environment_variable("SHELL").value_or(""),
                                   options.env_dirs.back(), host_platform()));
    } catch (const Error&) {
        // A path this shell cannot quote (a newline for csh): no hint.
    }
}

} // namespace

Command add_create_subcommand(CLI::App& root) {
    auto options = std::make_shared<CreateOptions>();
    CLI::App* create = add_create_command(root, *options);
    create->footer("Examples:\n"
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
                validate_create_options(*options);
                create_venvs(*options);
                print_activation_hint(*options);
                return 0;
            }};
}

std::vector<Command> build_command_line(CLI::App& app, GlobalOptions& options) {
    app.description("cppvenv: create and manage Python virtual environments, fast.");
    app.set_version_flag("--version", std::string("cppvenv ") + CPPVENV_VERSION);
    app.require_subcommand(1);
    app.fallthrough(); // -v and -q also work after the subcommand
    app.add_flag("-v,--verbose", options.verbose, "Explain each step on stderr.");
    app.add_flag("-q,--quiet", options.quiet, "Print nothing but errors.");
    app.footer("Run `cppvenv COMMAND --help` for one command's options.\n"
               "Exit codes: 0 success, 1 failure (or an unhealthy venv for `check`), 2 usage "
               "error.");
    return {
        add_create_subcommand(app), add_info_command(app),   add_list_command(app),
        add_check_command(app),     add_run_command(app),    add_shell_command(app),
        add_remove_command(app),    add_python_command(app), add_completion_command(app),
        add_config_command(app),    add_move_command(app),
    };
}

namespace {

bool is_global_flag(const std::string& word) {
    if (word == "--verbose" || word == "--quiet") {
        return true;
    }
    return word.size() > 1 && word[0] == '-' &&
           word.find_first_not_of("vq", 1) == std::string::npos; // -v, -vv, -q
}

} // namespace

std::vector<std::string> prepare_arguments(int argc, const char* const* argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    auto run = arguments.begin();
    while (run != arguments.end() && run->size() > 1 && run->front() == '-' && *run != "--") {
        ++run; // cppvenv's own options (-v, -q) take no value
    }
    if (run == arguments.end() || *run != "run") {
        return arguments;
    }
    // `run` ends its own option parsing at ENV_DIR; -v and -q given between
    // `run` and ENV_DIR are cppvenv's, so move them before `run`.
    std::vector<std::string> moved;
    auto word = run + 1;
    while (word != arguments.end() && word->size() > 1 && word->front() == '-' && *word != "--") {
        if (is_global_flag(*word)) {
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

std::string describe_parse_error(CLI::App& app, const std::vector<std::string>& arguments,
                                 const CLI::ParseError& error) {
    CLI::App* current = &app;
    std::string name = "cppvenv";
    for (const std::string& word : arguments) {
        if (word.empty() || word.front() == '-') {
            continue;
        }
        std::vector<CLI::App*> subcommands = current->get_subcommands({});
        if (subcommands.empty()) {
            break;
        }
        auto known = std::find_if(subcommands.begin(), subcommands.end(),
                                  [&word](CLI::App* sub) { return sub->check_name(word); });
        if (known == subcommands.end()) {
            std::vector<std::string> names;
            for (CLI::App* sub : subcommands) {
                names.push_back(sub->get_name());
            }
            return fmt::format("unknown command '{}' for {}; the commands are {} (see `{} "
                               "--help`)",
                               word, name, fmt::join(names, ", "), name);
        }
        current = *known;
        name += " " + current->get_name();
    }
    return error.what();
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
