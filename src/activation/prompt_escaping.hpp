#pragma once
// Prompt text made literal for shells that read escapes in their prompt.

#include <string>
#include <string_view>

namespace cppvenv {

// Shells that read escapes in their prompt variable get the prompt text with every
// escape made literal, so the text is drawn as it is. The result is still shell
// text to be quoted by that shell's quoting function (shell_quoting.hpp).

// bash: the text in \D{...} pieces, whose strftime output bash draws without
// expanding it again, whether `promptvars` is on or off, now or later (% is
// doubled for strftime, } is written outside a piece). Inert in every mode.
std::string bash_prompt_literal(std::string_view text);

// tcsh: \, ^ and ! escaped with a backslash, % doubled.
std::string tcsh_prompt_literal(std::string_view text);

// BSD csh: ! escaped with a backslash, its only prompt escape.
std::string bsd_csh_prompt_literal(std::string_view text);

} // namespace cppvenv
