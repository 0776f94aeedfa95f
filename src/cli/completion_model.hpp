#pragma once
// What completion knows about the command line, read from the CLI11 app itself.

#include <CLI/App.hpp>
#include <string>
#include <vector>

namespace cppvenv {

// What a shell's completion needs to know about the command line, read from the
// CLI11 app itself so the scripts never drift from the real options.
// What a shell offers for an option's value.
enum class ValueKind {
    Files,       // -p: a path (or a name, which no shell can list)
    Directories, // --seed-from
    Words,       // --link-mode: one of `value_words` (--pip: or a version)
    WordList,    // --activators: a comma-separated list of `value_words`
    Anything,    // --prompt, --depth: nothing to offer
};

struct CompletionOption {
    std::vector<std::string> names; // "-p", "--python"
    std::string description;        // its first sentence
    bool takes_value = false;
    bool repeatable = false; // --seed-from A --seed-from B
    ValueKind value_kind = ValueKind::Files;
    std::vector<std::string> value_words;
};

enum class ArgumentKind {
    None,        // takes no positional arguments
    Directory,   // ENV_DIR, DIR
    Command,     // run's COMMAND: a program, then files
    Words,       // one of `words`
    Subcommands, // a command that only dispatches (cppvenv, cppvenv python)
};

struct CompletionCommand {
    std::vector<std::string> path; // {} for cppvenv itself, {"python", "list"}
    std::vector<std::string> aliases;
    std::string description;
    std::vector<CompletionOption> options;
    ArgumentKind arguments = ArgumentKind::None;
    std::vector<std::string> words; // for Words
    std::vector<std::string> subcommands;
};

// Every command, parents before their subcommands; the first is the root.
std::vector<CompletionCommand> completion_model(CLI::App& app);

// The shells `cppvenv completion` writes scripts for.
std::vector<std::string> completion_shells();

std::string bash_completion_script(const std::vector<CompletionCommand>& commands);
std::string zsh_completion_script(const std::vector<CompletionCommand>& commands);
std::string fish_completion_script(const std::vector<CompletionCommand>& commands);

} // namespace cppvenv
