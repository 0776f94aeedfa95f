#pragma once
// The "Activate with: ..." line create prints for the user's shell.

#include "util/host_platform.hpp"

#include <string>
#include <string_view>

namespace cppvenv {

// The one line `create` prints on a terminal to say how to activate the venv at
// `env_dir` (as the user typed it) in the shell `shell_path` (from $SHELL; empty
// when unknown), e.g. "Activate with: source .venv/bin/activate". The path is
// quoted for that shell when it needs quotes. `platform` is the venv's: bin/ or
// Scripts\, and cmd when no shell is known on Windows.
std::string activation_hint(std::string_view shell_path, std::string_view env_dir,
                            Platform platform = host_platform());

} // namespace cppvenv
