#include "cli/command.hpp"
#include "cli/terminal_style.hpp"
#include "python/facts_cache.hpp"
#include "util/output.hpp"
#include "venv/venv_health.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace cppvenv {

namespace {

struct CheckOptions {
    std::vector<std::string> env_dirs;
    bool fast = false;
};

} // namespace

Command add_check_command(CLI::App& root) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check = root.add_subcommand(
        "check", "Check that venvs still work, and say how to fix the ones that do not.");
    check->add_option("ENV_DIR", options->env_dirs, "The venvs to check.")->required();
    check->add_flag("--fast", options->fast, "Do not start the venv's python.");
    check->footer("Checks that pyvenv.cfg parses, that the base interpreter exists and is the "
                  "version pyvenv.cfg names, that bin/ links and script shebangs resolve, and "
                  "that the venv's python starts. Prints one line per problem, with its fix.\n"
                  "Exit status: 0 when every venv is healthy, 1 otherwise.\n\n"
                  "Examples:\n"
                  "  cppvenv check .venv\n"
                  "  cppvenv check --fast */.venv");
    return {check, [options] {
                const FactsCache cache(default_cache_directory());
                bool healthy = true;
                for (const std::string& env_dir : options->env_dirs) {
                    std::vector<HealthProblem> problems = check_venv_health(
                        env_dir, env_dir, options->fast ? HealthDepth::Fast : HealthDepth::Full,
                        cache);
                    if (problems.empty()) {
                        if (verbosity() >= 0) {
                            fmt::print("{}: {}\n", env_dir, styled_for_stdout("ok", Tone::Good));
                        }
                        continue;
                    }
                    healthy = false;
                    for (const HealthProblem& problem : problems) {
                        fmt::print("{}: {} {}; fix: {}\n", env_dir,
                                   styled_for_stdout("problem:", Tone::Bad), problem.problem,
                                   problem.fix);
                    }
                }
                return healthy ? 0 : 1;
            }};
}

} // namespace cppvenv
