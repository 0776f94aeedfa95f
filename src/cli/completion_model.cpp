// What completion knows about the command line, read from the CLI11 app itself.
#include "cli/completion_model.hpp"

#include "activation/activation.hpp"
#include "cli/settings.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

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

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    while (!text.empty()) {
        const std::string_view::size_type end = text.find(separator);
        parts.emplace_back(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return parts;
}

// What the option's value can be, from what the command line already knows:
// the settings table (a Choice's choices, a Directory), the activators' names,
// and the value's name in --help ("VERSION|bundle|none" offers bundle and none).
void describe_value(const CLI::Option& option, CompletionOption& entry) {
    const std::string& long_name = entry.names.back();
    if (long_name == "--activators") {
        entry.value_kind = ValueKind::WordList;
        entry.value_words = activator_names();
        return;
    }
    for (const SettingDefinition& setting : setting_definitions()) {
        const std::vector<std::string> options = split(setting.command_line, ',');
        if (std::find(options.begin(), options.end(), long_name) == options.end()) {
            continue;
        }
        if (setting.type == SettingType::Choice) {
            entry.value_kind = ValueKind::Words;
            entry.value_words = split(setting.choices, '|');
            return;
        }
        if (setting.type == SettingType::Directory || setting.type == SettingType::DirectoryList) {
            entry.value_kind = ValueKind::Directories;
            return;
        }
    }
    const std::string type = option.get_type_name();
    if (type.find('|') != std::string::npos) {
        entry.value_kind = ValueKind::Words;
        for (const std::string& alternative : split(type, '|')) {
            if (!alternative.empty() && std::islower(static_cast<unsigned char>(alternative[0]))) {
                entry.value_words.push_back(alternative); // VERSION: anything
            }
        }
        return;
    }
    // TEXT is CLI11's name for a string (-p: a path or a name); INT, PROMPT
    // and the like have nothing a shell could list.
    entry.value_kind = type == "TEXT" ? ValueKind::Files : ValueKind::Anything;
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
        if (entry.takes_value) {
            entry.repeatable = option->get_expected_max() > 1;
            describe_value(*option, entry);
        }
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
