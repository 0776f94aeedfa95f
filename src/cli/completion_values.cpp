// What bash, zsh and fish offer for an option's value (completion_values.hpp).
#include "cli/completion_values.hpp"

#include "activation/shell_quoting.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

namespace cppvenv {

std::vector<CompletionOption> value_options(const std::vector<CompletionCommand>& commands) {
    std::vector<CompletionOption> options;
    std::set<std::string> seen;
    for (const CompletionCommand& command : commands) {
        for (const CompletionOption& option : command.options) {
            if (option.takes_value && seen.insert(option.names.back()).second) {
                options.push_back(option);
            }
        }
    }
    return options;
}

std::string fish_list_function(const CompletionOption& option) {
    std::string name = "__cppvenv_";
    for (char c : option.names.back().substr(2)) {
        name += c == '-' ? '_' : c;
    }
    return name;
}

std::string bash_value_action(const CompletionOption& option) {
    const std::string words =
        quote_for_posix_sh(fmt::format("{}", fmt::join(option.value_words, " ")));
    switch (option.value_kind) {
    case ValueKind::Files:
        return "local IFS=$'\\n'; COMPREPLY=($(compgen -f -- \"$cur\"))";
    case ValueKind::Directories:
        return "local IFS=$'\\n'; COMPREPLY=($(compgen -d -- \"$cur\"))";
    // Not as file names: a folder called `copy` must not make `copy/`.
    case ValueKind::Words:
        return fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\")); compopt +o filenames "
                           "2>/dev/null",
                           words);
    case ValueKind::WordList: {
        // The name after the last comma, of those not yet listed before it.
        std::vector<std::string> quoted;
        for (const std::string& word : option.value_words) {
            quoted.push_back(quote_for_posix_sh(word));
        }
        return fmt::format(
            "local listed=\"\" unused=\"\" name; [[ $cur == *,* ]] && listed=${{cur%,*}},; "
            "for name in {}; do [[ ,$listed == *,$name,* ]] || unused+=\" $name\"; done; "
            "COMPREPLY=($(compgen -P \"$listed\" -W \"$unused\" -- \"${{cur##*,}}\")); "
            "compopt -o nospace +o filenames 2>/dev/null",
            fmt::join(quoted, " "));
    }
    case ValueKind::Anything:
        break;
    }
    return "COMPREPLY=()";
}

std::string zsh_value_action(const CompletionOption& option) {
    const std::string words = fmt::format("{}", fmt::join(option.value_words, " "));
    switch (option.value_kind) {
    case ValueKind::Files:
        return ":value:_files";
    case ValueKind::Directories:
        return ":directory:_directories";
    case ValueKind::Words:
        return fmt::format(":value:({})", words);
    case ValueKind::WordList:
        return fmt::format(":value:_sequence compadd - {}", words);
    case ValueKind::Anything:
        break;
    }
    return ":value: ";
}

std::string fish_value_action(const CompletionOption& option) {
    const std::string words = fmt::format("{}", fmt::join(option.value_words, " "));
    switch (option.value_kind) {
    case ValueKind::Files:
        return " -r -F";
    case ValueKind::Directories:
        return " -x -a '(__fish_complete_directories)'";
    case ValueKind::Words:
        return " -x -a " + quote_for_fish(words);
    case ValueKind::WordList:
        return " -x -a " + quote_for_fish(fmt::format("(__fish_complete_list , {})",
                                                      fish_list_function(option)));
    case ValueKind::Anything:
        break;
    }
    return " -x";
}

} // namespace cppvenv
