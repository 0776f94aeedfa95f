#pragma once
// How `--help` looks: CLI11's layout without its "Excludes:"/"Needs:" notes
// (a conflicting pair is still refused, with a message), cppvenv's global options under every
// subcommand, and usage tails CLI11 cannot derive (`run ENV_DIR [COMMAND ...]`).

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <string>

namespace cppvenv {

class HelpFormatter : public CLI::Formatter {
public:
    // Words after the usage line's positionals for `app` ("[COMMAND [ARGS...]]").
    void set_usage_tail(const CLI::App* app, std::string tail);

    std::string make_option_opts(const CLI::Option* option) const override;
    std::string make_footer(const CLI::App* app) const override;
    std::string make_usage(const CLI::App* app, std::string name) const override;

private:
    std::map<const CLI::App*, std::string> usage_tails_;
};

// Installs a HelpFormatter on `root` (subcommands added later inherit it) and
// returns it, to name usage tails.
std::shared_ptr<HelpFormatter> install_help_formatter(CLI::App& root);

// The options of the top-level app that work before or after any subcommand
// (-v, -q, --color): not --help or --version.
std::vector<const CLI::Option*> global_options(const CLI::App& root);

} // namespace cppvenv
