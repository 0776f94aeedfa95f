#pragma once
// The "Activate with: ..." line create prints for the user's shell.

#include <string>
#include <string_view>

namespace cppvenv {

// The one line `create` prints on a terminal to say how to activate the venv at
// `env_dir` (as the user typed it) in the shell `shell_path` (from $SHELL; empty
// when unknown), e.g. "Activate with: source .venv/bin/activate". The path is
// quoted for that shell when it needs quotes. `bin_dir` is "bin" or "Scripts".
std::string activation_hint(std::string_view shell_path, std::string_view env_dir,
                            std::string_view bin_dir);

} // namespace cppvenv
