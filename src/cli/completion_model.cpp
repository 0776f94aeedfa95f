// What completion knows about the command line, read from the CLI11 app itself.
#include "cli/completion_model.hpp"

#include <CLI/CLI.hpp>

namespace cppvenv {

std::vector<std::string> completion_shells() {
    return {"bash", "zsh", "fish"};
}

namespace {

std::string first_sentence(const std::string& text) {
    std::string::size_type end = text.find(". ");
    std::string sentence = text.substr(0, end);
    while (!sentence.empty() && (sentence.back() == '.' || sentence.back() == ' ')) {
        sentence.pop_back();
    }
    return sentence;
}

ArgumentKind argument_kind(const std::string& positional_name) {
    if (positional_name == "COMMAND") {
        return ArgumentKind::Command;
    }
    if (positional_name == "SHELL") {
        return ArgumentKind::Words;
    }
    return ArgumentKind::Directory;
}

void add_command(CLI::App& app, std::vector<std::string> path,
                 std::vector<CompletionCommand>& commands) {
    CompletionCommand command;
    command.path = path;
    command.aliases = app.get_aliases();
    command.description = first_sentence(app.get_description());
    for (const CLI::Option* option : app.get_options()) {
        if (!option->nonpositional()) {
            ArgumentKind kind = argument_kind(option->get_name(true));
            if (command.arguments == ArgumentKind::None || kind == ArgumentKind::Command) {
                command.arguments = kind;
            }
            continue;
        }
        CompletionOption entry;
        for (const std::string& name : option->get_snames()) {
            entry.names.push_back("-" + name);
        }
        for (const std::string& name : option->get_lnames()) {
            entry.names.push_back("--" + name);
        }
        entry.description = first_sentence(option->get_description());
        entry.takes_value = option->get_items_expected_max() > 0;
        command.options.push_back(entry);
    }
    if (app.get_prefix_command()) {
        command.arguments = ArgumentKind::Command; // `run ENV COMMAND...`
    }
    if (command.arguments == ArgumentKind::Words) {
        command.words = completion_shells();
    }
    std::vector<CLI::App*> subcommands = app.get_subcommands({});
    if (!subcommands.empty()) {
        command.arguments = ArgumentKind::Subcommands;
    }
    for (CLI::App* subcommand : subcommands) {
        command.subcommands.push_back(subcommand->get_name());
    }
    commands.push_back(command);
    for (CLI::App* subcommand : subcommands) {
        std::vector<std::string> sub_path = path;
        sub_path.push_back(subcommand->get_name());
        add_command(*subcommand, sub_path, commands);
    }
}

} // namespace

std::vector<CompletionCommand> completion_model(CLI::App& app) {
    std::vector<CompletionCommand> commands;
    add_command(app, {}, commands);
    return commands;
}

} // namespace cppvenv
