// Completion scripts for bash, zsh and fish, generated from the completion model.
#include "activation/shell_quoting.hpp"
#include "cli/completion_model.hpp"
#include "cli/completion_values.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

namespace cppvenv {

namespace {

// "/python/list": the key a command's completion is found by.
std::string key_of(const std::vector<std::string>& path) {
    std::string key;
    for (const std::string& part : path) {
        key += "/" + part;
    }
    return key;
}

// The root's own options, which work after any subcommand too (-v, -q).
std::vector<CompletionOption> global_options(const std::vector<CompletionCommand>& commands) {
    std::vector<CompletionOption> options;
    for (const CompletionOption& option : commands.front().options) {
        if (option.names.back() != "--help" && option.names.back() != "--version") {
            options.push_back(option);
        }
    }
    return options;
}

std::vector<CompletionOption> options_of(const CompletionCommand& command,
                                         const std::vector<CompletionCommand>& commands) {
    std::vector<CompletionOption> options = command.options;
    if (!command.path.empty()) {
        for (const CompletionOption& option : global_options(commands)) {
            options.push_back(option);
        }
    }
    return options;
}

std::vector<std::string> names_of(const std::vector<CompletionOption>& options) {
    std::vector<std::string> names;
    for (const CompletionOption& option : options) {
        names.insert(names.end(), option.names.begin(), option.names.end());
    }
    return names;
}

// The transitions from a parent command to its subcommands and their aliases.
std::vector<std::pair<std::string, std::string>>
transitions(const std::vector<CompletionCommand>& commands) {
    std::vector<std::pair<std::string, std::string>> result;
    for (const CompletionCommand& command : commands) {
        if (command.path.empty()) {
            continue;
        }
        std::vector<std::string> parent(command.path.begin(), command.path.end() - 1);
        const std::string key = key_of(command.path);
        result.emplace_back(key_of(parent) + "/" + command.path.back(), key);
        for (const std::string& alias : command.aliases) {
            result.emplace_back(key_of(parent) + "/" + alias, key);
        }
    }
    return result;
}

std::string zsh_description(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        if (c == '[' || c == ']' || c == ':' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return escaped;
}

// The names a command's subcommands are called by, aliases included.
std::vector<std::string> subcommand_names(const CompletionCommand& parent,
                                          const std::vector<CompletionCommand>& commands) {
    std::vector<std::string> names;
    for (const CompletionCommand& command : commands) {
        if (command.path.size() == parent.path.size() + 1 &&
            std::equal(parent.path.begin(), parent.path.end(), command.path.begin())) {
            names.push_back(command.path.back());
            names.insert(names.end(), command.aliases.begin(), command.aliases.end());
        }
    }
    return names;
}

} // namespace

std::string bash_completion_script(const std::vector<CompletionCommand>& commands) {
    std::set<std::string> value_names; // sorted, as the pattern reads best
    std::string value_cases;
    for (const CompletionOption& option : value_options(commands)) {
        value_names.insert(option.names.begin(), option.names.end());
        value_cases +=
            fmt::format("        {})\n            {}\n            return\n            ;;\n",
                        fmt::join(option.names, "|"), bash_value_action(option));
    }
    const std::string value_pattern =
        value_names.empty() ? "--no-such-option" : fmt::format("{}", fmt::join(value_names, "|"));
    // After `run ENV`, the words are a command line of its own: not cppvenv's
    // options, nor their values.
    std::string own_command_line;
    for (const CompletionCommand& command : commands) {
        if (command.arguments == ArgumentKind::Command) {
            own_command_line += fmt::format("\"{}\") after_dashes=1 ;; ", key_of(command.path));
        }
    }
    std::string moves;
    for (const auto& [from, to] : transitions(commands)) {
        moves += fmt::format("            \"{}\") command={} ;;\n", from, to);
    }
    std::string cases;
    for (const CompletionCommand& command : commands) {
        const char* kind = "none";
        std::string words = fmt::format("{}", fmt::join(command.words, " "));
        switch (command.arguments) {
        case ArgumentKind::None:
            break;
        case ArgumentKind::Directory:
            kind = "directory";
            break;
        case ArgumentKind::Command:
            kind = "command";
            break;
        case ArgumentKind::Words:
            kind = "words";
            break;
        case ArgumentKind::Subcommands:
            kind = "words";
            words = fmt::format("{}", fmt::join(subcommand_names(command, commands), " "));
            break;
        }
        cases += fmt::format("    \"{}\") options={} kind={} words={} ;;\n", key_of(command.path),
                             quote_for_posix_sh(fmt::format(
                                 "{}", fmt::join(names_of(options_of(command, commands)), " "))),
                             kind, quote_for_posix_sh(words));
    }
    return fmt::format(R"(# bash completion for cppvenv; generated by `cppvenv completion bash`.
_cppvenv() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
    local command="" word i positionals=0 after_dashes=0
    # bash splits --color=al into --color, = and al.
    if [ "$cur" = "=" ]; then
        cur=""
    elif [ "$prev" = "=" ]; then
        prev=${{COMP_WORDS[COMP_CWORD-2]}}
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        if [ "$after_dashes" = 1 ]; then
            positionals=$((positionals + 1))
            continue
        fi
        case $word in
        --) after_dashes=1 ;;
        {value_pattern})
            [ "${{COMP_WORDS[i+1]}}" = "=" ] && i=$((i + 1))
            i=$((i + 1))
            ;;
        -*) ;;
        *)
            case "$command/$word" in
{moves}            *)
                positionals=$((positionals + 1))
                case $command in {own_command_line}esac
                ;;
            esac
            ;;
        esac
    done
    if [ "$after_dashes" = 0 ]; then
        case $prev in
{value_cases}        esac
    fi
    local options="" kind=none words=""
    case $command in
{cases}    esac
    if [ "$after_dashes" = 0 ] && [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    local IFS=$'\n'
    case $kind in
    words) COMPREPLY=($(IFS=' '; compgen -W "$words" -- "$cur")) ;;
    directory) COMPREPLY=($(compgen -d -- "$cur")) ;;
    command)
        if [ "$positionals" -eq 0 ]; then
            COMPREPLY=($(compgen -d -- "$cur"))
        elif [ "$positionals" -eq 1 ]; then
            COMPREPLY=($(compgen -c -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        ;;
    esac
}}
complete -o filenames -F _cppvenv cppvenv
)",
                       fmt::arg("value_pattern", value_pattern),
                       fmt::arg("value_cases", value_cases),
                       fmt::arg("own_command_line", own_command_line), fmt::arg("moves", moves),
                       fmt::arg("cases", cases));
}

std::string zsh_completion_script(const std::vector<CompletionCommand>& commands) {
    std::string functions;
    for (const CompletionCommand& command : commands) {
        std::string name = "_cppvenv";
        for (const std::string& part : command.path) {
            name += "__" + part;
        }
        std::vector<std::string> specs;
        for (const CompletionOption& option : options_of(command, commands)) {
            for (const std::string& option_name : option.names) {
                specs.push_back(quote_for_posix_sh(
                    // --color=: the value after = or in the next word;
                    // *: may be given again (--seed-from).
                    fmt::format("{}{}{}[{}]{}", option.repeatable ? "*" : "", option_name,
                                option.takes_value && option_name.size() > 2 ? "=" : "",
                                zsh_description(option.description),
                                option.takes_value ? zsh_value_action(option) : "")));
            }
        }
        std::string body;
        switch (command.arguments) {
        case ArgumentKind::None:
            break;
        case ArgumentKind::Directory:
            specs.push_back("'*:directory:_directories'");
            break;
        case ArgumentKind::Command:
            specs.push_back("'1:environment:_directories'");
            specs.push_back("'*::command:_cppvenv_command_line'");
            break;
        case ArgumentKind::Words:
            specs.push_back(
                quote_for_posix_sh(fmt::format("1:value:({})", fmt::join(command.words, " "))));
            break;
        case ArgumentKind::Subcommands: {
            specs.push_back("'1: :->command'");
            specs.push_back("'*:: :->argument'");
            std::vector<std::string> items;
            std::string dispatch;
            for (const CompletionCommand& sub : commands) {
                if (sub.path.size() != command.path.size() + 1 ||
                    !std::equal(command.path.begin(), command.path.end(), sub.path.begin())) {
                    continue;
                }
                std::vector<std::string> names = {sub.path.back()};
                names.insert(names.end(), sub.aliases.begin(), sub.aliases.end());
                for (const std::string& sub_name : names) {
                    items.push_back(quote_for_posix_sh(sub_name + ":" + sub.description));
                }
                dispatch += fmt::format("        {}) {}__{} ;;\n", fmt::join(names, "|"), name,
                                        sub.path.back());
            }
            body = fmt::format("    case $state in\n"
                               "    command)\n"
                               "        local -a commands\n"
                               "        commands=({})\n"
                               "        _describe -t commands 'cppvenv command' commands\n"
                               "        ;;\n"
                               "    argument)\n"
                               "        case $line[1] in\n{}        esac\n"
                               "        ;;\n"
                               "    esac\n",
                               fmt::join(items, " "), dispatch);
            break;
        }
        }
        // -S: after `--`, every word is an argument (no option, no option's value).
        functions += fmt::format("{}() {{\n    local curcontext=$curcontext state line\n"
                                 "    _arguments -C -s -S \\\n        {}\n{}}}\n\n",
                                 name, fmt::join(specs, " \\\n        "), body);
    }
    // `run ENV COMMAND...`: the words after `run` start with the venv; what
    // follows it is a command line of its own.
    const char* command_line = "_cppvenv_command_line() {\n"
                               "    shift words\n"
                               "    (( CURRENT-- ))\n"
                               "    _normal\n"
                               "}\n\n";
    return fmt::format("#compdef cppvenv\n# zsh completion for cppvenv; generated by `cppvenv "
                       "completion zsh`.\n\n{}{}_cppvenv \"$@\"\n",
                       command_line, functions);
}

std::string fish_completion_script(const std::vector<CompletionCommand>& commands) {
    std::string moves;
    for (const auto& [from, to] : transitions(commands)) {
        moves += fmt::format("            case {}\n                set key {}\n",
                             quote_for_fish(from), to);
    }
    std::string lines;
    for (const CompletionOption& option : value_options(commands)) {
        if (option.value_kind == ValueKind::WordList) {
            // The names not yet in the list being typed (--activators=bash,fi).
            lines += fmt::format(
                "function {}\n"
                "    set -l listed (string split , -- (string replace -r '^-[^=]*=' '' -- "
                "(commandline -ct)))\n"
                "    for name in {}\n"
                "        contains -- $name $listed; or printf '%s\\n' $name\n"
                "    end\nend\n",
                fish_list_function(option), fmt::join(option.value_words, " "));
        }
    }
    for (const CompletionCommand& command : commands) {
        const std::string condition =
            quote_for_fish(fmt::format("test (__cppvenv_command) = 'at:{}'", key_of(command.path)));
        for (const CompletionOption& option : options_of(command, commands)) {
            std::string names;
            for (const std::string& option_name : option.names) {
                names += option_name.size() == 2 ? " -s " + option_name.substr(1)
                                                 : " -l " + option_name.substr(2);
            }
            lines += fmt::format("complete -c cppvenv -n {}{}{} -d {}\n", condition, names,
                                 option.takes_value ? fish_value_action(option) : "",
                                 quote_for_fish(option.description));
        }
        switch (command.arguments) {
        case ArgumentKind::None:
            break;
        case ArgumentKind::Directory:
            lines += fmt::format("complete -c cppvenv -n {} -a '(__fish_complete_directories)'\n",
                                 condition);
            break;
        case ArgumentKind::Command: {
            // `cppvenv run ENV COMMAND...`: the venv, then a command line of its own.
            const size_t before_command = command.path.size() + 2;
            const std::string key = key_of(command.path);
            lines += fmt::format(
                "complete -c cppvenv -n {} -a '(__fish_complete_directories)'\n",
                quote_for_fish(fmt::format("test (__cppvenv_command) = 'at:{}'; and test (count "
                                           "(commandline -opc)) -lt {}",
                                           key, before_command)));
            lines += fmt::format(
                "complete -c cppvenv -n {} -x -a '(__fish_complete_subcommand --fcs-skip={})'\n",
                quote_for_fish(fmt::format("test (__cppvenv_command) = 'at:{}'; and test (count "
                                           "(commandline -opc)) -ge {}",
                                           key, before_command)),
                before_command);
            break;
        }
        case ArgumentKind::Words:
            lines += fmt::format("complete -c cppvenv -n {} -a {}\n", condition,
                                 quote_for_fish(fmt::format("{}", fmt::join(command.words, " "))));
            break;
        case ArgumentKind::Subcommands:
            for (const CompletionCommand& sub : commands) {
                if (sub.path.size() == command.path.size() + 1 &&
                    std::equal(command.path.begin(), command.path.end(), sub.path.begin())) {
                    lines += fmt::format("complete -c cppvenv -n {} -a {} -d {}\n", condition,
                                         sub.path.back(), quote_for_fish(sub.description));
                }
            }
            break;
        }
    }
    return fmt::format(R"(# fish completion for cppvenv; generated by `cppvenv completion fish`.
function __cppvenv_command --description 'The cppvenv subcommand being completed'
    set -l key ''
    for token in (commandline -opc)[2..-1]
        switch "$key/$token"
{moves}        end
    end
    echo "at:$key"
end
complete -c cppvenv -f
{lines})",
                       fmt::arg("moves", moves), fmt::arg("lines", lines));
}

} // namespace cppvenv
