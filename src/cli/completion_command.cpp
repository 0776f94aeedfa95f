// The `completion` subcommand: prints a shell's completion script.
#include "cli/command.hpp"
#include "cli/completion_model.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <memory>

namespace cppvenv {

Command add_completion_command(CLI::App& root) {
    auto shell = std::make_shared<std::string>();
    CLI::App* completion =
        root.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish).");
    completion->add_option("SHELL", *shell, "bash, zsh or fish.")
        ->check(CLI::IsMember(completion_shells()));
    completion->footer("Examples (installing them; the .deb and `cmake --install` do it for you):\n"
                       "  bash: cppvenv completion bash > ~/.local/share/bash-completion/"
                       "completions/cppvenv\n"
                       "  zsh:  cppvenv completion zsh > ~/.zfunc/_cppvenv   (with ~/.zfunc on "
                       "$fpath, before compinit)\n"
                       "  fish: cppvenv completion fish > ~/.config/fish/completions/cppvenv.fish");
    CLI::App* root_app = &root;
    return {completion, [shell, root_app] {
                if (shell->empty()) {
                    throw UsageError(fmt::format("completion needs a shell: one of {} (`cppvenv "
                                                 "completion bash`)",
                                                 fmt::join(completion_shells(), ", ")));
                }
                std::vector<CompletionCommand> model = completion_model(*root_app);
                if (*shell == "bash") {
                    fmt::print("{}", bash_completion_script(model));
                } else if (*shell == "zsh") {
                    fmt::print("{}", zsh_completion_script(model));
                } else {
                    fmt::print("{}", fish_completion_script(model));
                }
                return 0;
            }};
}

} // namespace cppvenv
