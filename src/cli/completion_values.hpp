#pragma once
// What bash, zsh and fish offer for an option's value, from its ValueKind.

#include "cli/completion_model.hpp"

#include <string>
#include <vector>

namespace cppvenv {

// Each option that takes a value, once (the first command's, for a name that
// several commands have).
std::vector<CompletionOption> value_options(const std::vector<CompletionCommand>& commands);

// The fish function that lists a WordList option's words: __cppvenv_activators.
std::string fish_list_function(const CompletionOption& option);

// What bash does for the value of `option` (the word being completed: $cur).
std::string bash_value_action(const CompletionOption& option);
// The part of zsh's _arguments spec after the option's name and description.
std::string zsh_value_action(const CompletionOption& option);
// The arguments of fish's `complete` for the value of `option`.
std::string fish_value_action(const CompletionOption& option);

} // namespace cppvenv
