#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppvenv {

// How `cppvenv shell` starts a user's interactive shell so that the venv is
// activated *after* the shell's own start-up files ran (a ~/.bashrc that puts
// pyenv's shims first on PATH must not win). Pure: the caller makes the private
// folder, writes `files` into it, sets `set_variables` and starts `arguments`.

// What the start-up text needs to know about the user's environment.
struct UserShellEnvironment {
    std::optional<std::string> home;    // $HOME
    std::optional<std::string> zdotdir; // $ZDOTDIR (zsh)
    std::optional<std::string> env;     // $ENV (POSIX sh, ksh)
};

struct StartupFile {
    std::string name; // inside the private folder
    std::string contents;
};

struct ShellStartup {
    std::string shell_name;             // "bash", "zsh", ...: for messages
    std::string activation_script;      // the file in the venv's bin folder it sources
    std::vector<std::string> arguments; // argv after the program itself
    std::vector<StartupFile> files;     // written into the private folder first
    std::vector<std::pair<std::string, std::string>> set_variables;
};

// The start-up for the shell at `shell_program` (the basename decides: bash, zsh,
// fish, tcsh/csh, nu, xonsh, or a POSIX sh such as dash, mksh, ksh, busybox),
// activating the venv at `venv` (absolute) whose scripts are in `bin_folder`.
// `private_folder` is where `files` will be. std::nullopt for a shell it does
// not know. Throws Error when a path cannot be quoted for that shell.
std::optional<ShellStartup> shell_startup(const std::string& shell_program, const std::string& venv,
                                          const std::string& bin_folder,
                                          const std::string& private_folder,
                                          const UserShellEnvironment& user);

} // namespace cppvenv
