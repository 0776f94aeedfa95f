// describe_parse_error: CLI11's refusals reworded, with the command the user likely meant.
#include "cli/parse_errors.hpp"

#include "util/posix_sh_quoting.hpp"
#include "util/text.hpp"
#include "util/word_suggestions.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>

namespace cppvenv {

namespace {

// Flags of venv, virtualenv and uv that cannot mean the same here: the reason
// and what to use. Accepted aliases are options of their own (create_command.cpp).
struct RefusedFlag {
    const char* name;
    const char* answer;
};
const RefusedFlag refused_create_flags[] = {
    // virtualenv
    {"--app-data", "cppvenv keeps no app-data folder; pip comes from the interpreter's own "
                   "wheel (drop the flag)"},
    {"--reset-app-data", "cppvenv keeps no app-data folder (drop the flag)"},
    {"--read-only-app-data", "cppvenv keeps no app-data folder (drop the flag)"},
    {"--symlink-app-data", "cppvenv keeps no app-data folder (drop the flag)"},
    {"--upgrade-embed-wheels", "cppvenv seeds the interpreter's own wheels; use --upgrade-deps "
                               "to upgrade pip from PyPI"},
    {"--download", "cppvenv never downloads while creating; use --upgrade-deps to upgrade pip "
                   "from PyPI"},
    {"--no-download", "cppvenv never downloads while creating (drop the flag)"},
    {"--never-download", "cppvenv never downloads while creating (drop the flag)"},
    {"--no-periodic-update", "cppvenv never downloads while creating (drop the flag)"},
    {"--extra-search-dir", "use --seed-from DIR, cppvenv's folder of wheels to seed from"},
    {"--creator", "cppvenv makes venv's layout, always (drop the flag)"},
    {"--seeder", "cppvenv seeds pip from the interpreter's own wheel (drop the flag)"},
    {"--discovery", "use -p/--python to choose the interpreter"},
    {"--try-first-with", "use -p/--python with the interpreter's path"},
    {"--with-traceback", "use -v to see each step"},
    // uv
    {"--python-preference", "cppvenv uses installed Pythons only; use -p/--python to choose one"},
    {"--managed-python", "cppvenv installs no Python; use -p/--python with an installed one"},
    {"--no-managed-python", "cppvenv uses installed Pythons only (drop the flag)"},
    {"--system", "use -p/--python to choose the interpreter"},
    {"--no-project", "cppvenv reads no pyproject.toml (drop the flag)"},
    {"--offline", "cppvenv never downloads while creating (drop the flag)"},
    {"--index-url", "cppvenv creates without an index; install with the venv's pip"},
    {"--default-index", "cppvenv creates without an index; install with the venv's pip"},
    {"--extra-index-url", "cppvenv creates without an index; install with the venv's pip"},
    {"--find-links", "use --seed-from DIR, cppvenv's folder of wheels to seed from"},
    {"--exclude-newer", "cppvenv resolves nothing while creating (drop the flag)"},
    {"--no-config", "CPPVENV_* variables and cppvenv.toml set defaults; see `cppvenv config "
                    "show`"},
};

// "cppvenv create": the commands from the root to `app`.
std::string command_name(const CLI::App* app) {
    std::vector<std::string> names;
    for (; app != nullptr; app = app->get_parent()) {
        names.push_back(app->get_parent() == nullptr ? "cppvenv" : app->get_name());
    }
    std::reverse(names.begin(), names.end());
    return fmt::format("{}", fmt::join(names, " "));
}

std::string shown_command(const std::vector<std::string>& words) {
    std::string text = "cppvenv";
    for (const std::string& word : words) {
        text += " " + posix_sh_word(word);
    }
    return text;
}

std::vector<std::string> command_names(CLI::App* app) {
    std::vector<std::string> names;
    for (CLI::App* sub : app->get_subcommands({})) {
        names.push_back(sub->get_name());
    }
    return names;
}

CLI::App* subcommand_named(CLI::App* app, const std::string& word) {
    for (CLI::App* sub : app->get_subcommands({})) {
        if (sub->check_name(word)) {
            return sub;
        }
    }
    return nullptr;
}

// The option `name` ("--clear", "-p") as `app` parses it: its own, or one of a
// parent's that falls through to it (-v, -q).
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
    for (; app != nullptr; app = app->get_parent()) {
        if (const CLI::Option* option = app->get_option_no_throw(name)) {
            if (!option->get_positional() || name.front() == '-') {
                return option;
            }
        }
    }
    return nullptr;
}

std::vector<std::string> option_names(const CLI::App* app) {
    std::vector<std::string> names;
    for (; app != nullptr; app = app->get_parent()) {
        for (const CLI::Option* option : app->get_options({})) {
            for (const std::string& name : option->get_lnames()) {
                names.push_back("--" + name);
            }
            for (const std::string& name : option->get_snames()) {
                names.push_back("-" + name);
            }
        }
    }
    return names;
}

bool takes_value(const CLI::Option* option) {
    return option->get_items_expected_max() > 0;
}

// What the words show, read as CLI11 reads them, up to the first word that is
// neither a known command nor a known option.
struct Walk {
    CLI::App* app = nullptr; // the innermost command reached
    std::size_t index = 0;   // the word at fault, when there is one
    std::string unknown;     // the option at fault ("--clera"), or empty
    bool unknown_command = false;
};

Walk walk_arguments(CLI::App& root, const std::vector<std::string>& arguments) {
    Walk walk;
    walk.app = &root;
    int positionals = 0;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& word = arguments[i];
        if (word == "--" || (walk.app->get_prefix_command() && positionals > 0)) {
            break;
        }
        if (word.size() > 1 && word.front() == '-') {
            if (starts_with(word, "--")) {
                const std::string name = word.substr(0, word.find('='));
                const CLI::Option* option = find_option(walk.app, name);
                if (option == nullptr) {
                    walk.index = i;
                    walk.unknown = name;
                    return walk;
                }
                if (takes_value(option) && name == word) {
                    ++i;
                }
                continue;
            }
            for (std::size_t k = 1; k < word.size(); ++k) {
                const std::string name = std::string("-") + word[k];
                const CLI::Option* option = find_option(walk.app, name);
                if (option == nullptr) {
                    walk.index = i;
                    walk.unknown = name;
                    return walk;
                }
                if (takes_value(option)) {
                    i += k + 1 == word.size() ? 1 : 0;
                    break;
                }
            }
            continue;
        }
        if (walk.app->get_subcommands({}).empty()) {
            ++positionals;
            continue;
        }
        CLI::App* sub = subcommand_named(walk.app, word);
        if (sub == nullptr) {
            walk.index = i;
            walk.unknown_command = true;
            return walk;
        }
        walk.app = sub;
        positionals = 0;
    }
    return walk;
}

// A word that reads as a folder for a venv rather than a command.
bool looks_like_env_dir(const std::string& word) {
    return word.find('/') != std::string::npos || word.front() == '.' ||
           lowercase(word).find("env") != std::string::npos;
}

std::string with_suggestion(const std::string& problem, const std::vector<std::string>& words) {
    return fmt::format("{}; did you mean: {}", problem, shown_command(words));
}

std::string unknown_command(const Walk& walk, std::vector<std::string> words) {
    const std::string word = words[walk.index];
    const std::string name = command_name(walk.app);
    const std::string problem = walk.app->get_parent() == nullptr
                                    ? fmt::format("unknown command '{}'", word)
                                    : fmt::format("unknown command '{}' for {}", word, name);
    const bool at_root = walk.app->get_parent() == nullptr;
    if (at_root && (word == "venv" || word == "virtualenv")) {
        words[walk.index] = "create"; // `uv venv DIR`, `virtualenv DIR`
        return with_suggestion(problem, words);
    }
    if (std::optional<std::string> close = closest_word(word, command_names(walk.app))) {
        words[walk.index] = *close;
        return with_suggestion(problem, words);
    }
    if (at_root && looks_like_env_dir(word)) {
        words.insert(words.begin() + static_cast<long>(walk.index), "create");
        return with_suggestion(problem, words);
    }
    return fmt::format("{}; the commands are {} (see `{} --help`)", problem,
                       fmt::join(command_names(walk.app), ", "), name);
}

std::string unknown_option(CLI::App& root, const Walk& walk, std::vector<std::string> words) {
    const std::string& name = walk.unknown;
    const std::string command = command_name(walk.app);
    const std::string problem = fmt::format("unknown option '{}' for {}", name, command);
    const bool at_root = walk.app == &root;
    const auto position = words.begin() + static_cast<long>(walk.index);
    if (at_root && name == "-m" && walk.index + 1 < words.size() &&
        (words[walk.index + 1] == "venv" || words[walk.index + 1] == "virtualenv")) {
        // `python -m venv DIR` with `python` replaced by `cppvenv`.
        words.erase(position);
        words[walk.index] = "create";
        return with_suggestion(fmt::format("unknown option '-m' ({} is not Python)", command),
                               words);
    }
    CLI::App* create = subcommand_named(&root, "create");
    const auto command_word =
        std::find_if(position + 1, words.end(), [&root](const std::string& w) {
            return subcommand_named(&root, w) != nullptr;
        });
    if (at_root && command_word == words.end() && create != nullptr &&
        find_option(create, name) != nullptr) {
        words.insert(position, "create"); // `cppvenv -p 3.12 DIR`
        return with_suggestion(problem, words);
    }
    if (at_root && command_word != words.end()) {
        // `cppvenv -p 3.12 create DIR`: the option belongs after its command.
        CLI::App* command = subcommand_named(&root, *command_word);
        const CLI::Option* option = find_option(command, name);
        const bool separate_value = option != nullptr && takes_value(option) &&
                                    words[walk.index] == name && position + 1 != command_word;
        if (option != nullptr &&
            (!takes_value(option) || words[walk.index] != name || separate_value)) {
            const std::size_t taken = separate_value ? 2 : 1;
            std::vector<std::string> moved(position, position + static_cast<long>(taken));
            const std::size_t command_index =
                static_cast<std::size_t>(command_word - words.begin()) - taken;
            words.erase(position, position + static_cast<long>(taken));
            words.insert(words.begin() + static_cast<long>(command_index) + 1, moved.begin(),
                         moved.end());
            return with_suggestion(problem, words);
        }
    }
    if (walk.app == create) {
        for (const RefusedFlag& refused : refused_create_flags) {
            if (name == refused.name) {
                return fmt::format("{} is not a cppvenv option: {}", name, refused.answer);
            }
        }
    }
    if (starts_with(name, "--")) { // one letter is too short to guess from
        if (std::optional<std::string> close = closest_word(name, option_names(walk.app))) {
            words[walk.index] = *close + words[walk.index].substr(name.size());
            return with_suggestion(problem, words);
        }
    }
    return fmt::format("{} (see `{} --help`)", problem, command);
}

// CLI11's "NAME: rest" split at the first ": ".
std::pair<std::string, std::string> split_name(const std::string& text) {
    const std::string::size_type colon = text.find(": ");
    if (colon == std::string::npos) {
        return {"", text};
    }
    return {text.substr(0, colon), text.substr(colon + 2)};
}

std::string lower_first(std::string text) {
    if (!text.empty() && text.front() >= 'A' && text.front() <= 'Z') {
        text.front() = static_cast<char>(text.front() - 'A' + 'a');
    }
    return text;
}

// A validator's refusal: "Value abc not in range 0 to 64", "tcsh not in {bash,zsh}".
std::string reworded_validation(const std::string& text) {
    const auto [name, detail] = split_name(text);
    const std::string::size_type range = detail.find(" not in range ");
    if (starts_with(detail, "Value ") && range != std::string::npos) {
        return fmt::format("{}: '{}' is not a number from {}", name, detail.substr(6, range - 6),
                           detail.substr(range + 14));
    }
    const std::string::size_type set = detail.find(" not in {");
    if (set != std::string::npos && ends_with(detail, "}")) {
        std::string choices = detail.substr(set + 9, detail.size() - set - 10);
        std::replace(choices.begin(), choices.end(), ',', ' ');
        std::string listed;
        for (std::string::size_type i = 0; i < choices.size(); ++i) {
            listed += choices[i] == ' ' ? std::string(", ") : std::string(1, choices[i]);
        }
        return fmt::format("{}: '{}' is not one of {}", name, detail.substr(0, set), listed);
    }
    return name.empty() ? lower_first(detail) : fmt::format("{}: {}", name, lower_first(detail));
}

std::string missing_required(CLI::App* app) {
    const std::string command = command_name(app);
    if (!app->get_subcommands({}).empty() && app->get_parent() != nullptr) {
        return fmt::format("{} needs a command: {}", command, fmt::join(command_names(app), ", "));
    }
    for (const CLI::Option* option : app->get_options({})) {
        if (option->get_required() && option->count() == 0) {
            return fmt::format("{} needs {} (see `{} --help`)", command, option->get_name(),
                               command);
        }
    }
    return fmt::format("{}: something required is missing (see `{} --help`)", command, command);
}

std::string reworded(CLI::App* app, const CLI::ParseError& error) {
    const std::string text = error.what();
    const std::string command = command_name(app);
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        return missing_required(app);
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
        const std::string words = split_name(text).second;
        return fmt::format("unexpected argument{} {} for {} (see `{} --help`)",
                           words.find(' ') == std::string::npos ? "" : "s", words, command,
                           command);
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
        const std::string::size_type at = text.find(" excludes ");
        return fmt::format("{} and {} cannot be used together", text.substr(0, at),
                           text.substr(at + 10));
    }
    if (dynamic_cast<const CLI::RequiresError*>(&error) != nullptr) {
        const std::string::size_type at = text.find(" requires ");
        return fmt::format("{} needs {}", text.substr(0, at), text.substr(at + 10));
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        const auto [name, detail] = split_name(text);
        if (detail.find(" missing") != std::string::npos) {
            return fmt::format("{} needs a value", name);
        }
        return name.empty() ? lower_first(detail)
                            : fmt::format("{}: {}", name, lower_first(detail));
    }
    if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
        return reworded_validation(text);
    }
    if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
        const auto [name, detail] = split_name(text);
        if (starts_with(detail, "Should be true/false") || starts_with(detail, "too many inputs")) {
            return fmt::format("{} is a flag: it takes no value (or true/false)", name);
        }
        if (starts_with(text, "Could not convert: ")) {
            const std::string rest = text.substr(19);
            const std::string::size_type equals = rest.find(" = ");
            const std::string option = rest.substr(0, equals);
            const CLI::Option* known = find_option(app, option);
            if (known != nullptr && !takes_value(known)) {
                return fmt::format("{} is a flag: it takes no value (or true/false), not '{}'",
                                   option, rest.substr(equals + 3));
            }
            return fmt::format("{}: cannot use '{}'", option, rest.substr(equals + 3));
        }
        return lower_first(text);
    }
    return lower_first(text);
}

} // namespace

ParseFailure describe_parse_error(CLI::App& app, const std::vector<std::string>& arguments,
                                  const CLI::ParseError& error) {
    const Walk walk = walk_arguments(app, arguments);
    if (walk.unknown_command) {
        return {"", unknown_command(walk, arguments)};
    }
    if (!walk.unknown.empty()) {
        return {"", unknown_option(app, walk, arguments)};
    }
    if (walk.app == &app && dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        return {fmt::format("usage: cppvenv [-v | -q] COMMAND [ARGS]...\ncommands: {}",
                            fmt::join(command_names(&app), ", ")),
                "a command is required (try: cppvenv create .venv)"};
    }
    return {"", reworded(walk.app, error)};
}

} // namespace cppvenv
