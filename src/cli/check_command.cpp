// The `check` subcommand: options and output of the venv health check.
#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/terminal_style.hpp"
#include "python/facts_cache.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "venv/venv_health.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace cppvenv {

namespace {

struct CheckOptions {
    std::vector<std::string> env_dirs;
    bool fast = false;
    bool json = false;
};

void print_text(const std::string& env_dir, const std::vector<HealthProblem>& problems) {
    if (problems.empty()) {
        if (verbosity() >= 0) {
            fmt::print("{}: {}\n", visible(env_dir), styled_for_stdout("ok", Tone::Good));
        }
        return;
    }
    for (const HealthProblem& problem : problems) {
        fmt::print("{}: {} {}; fix: {}\n", visible(env_dir),
                   styled_for_stdout("problem:", Tone::Bad), visible(problem.problem),
                   visible(problem.fix));
    }
}

nlohmann::ordered_json venv_json(const std::string& env_dir,
                                 const std::vector<HealthProblem>& problems) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const HealthProblem& problem : problems) {
        list.push_back({{"problem", problem.problem}, {"fix", problem.fix}});
    }
    return {{"path", absolute_path(env_dir).string()},
            {"healthy", problems.empty()},
            {"problems", list}};
}

} // namespace

Command add_check_command(CLI::App& root) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check = root.add_subcommand(
        "check", "Check that venvs still work, and say how to fix the ones that do not.");
    check->add_option("ENV_DIR", options->env_dirs, "The venvs to check.")->required();
    check->add_flag("--fast", options->fast, "Do not start the venv's python.");
    check->add_flag("--json", options->json,
                    "Print one JSON array, one object per venv (schema in the README).");
    check->footer("Checks that pyvenv.cfg parses, that the base interpreter exists and is the "
                  "version pyvenv.cfg names, that bin/ links and script shebangs resolve, and "
                  "that the venv's python starts. Prints one line per problem, with its fix.\n"
                  "Exit status: 0 when every venv is healthy, 1 otherwise.\n\n"
                  "Examples:\n"
                  "  cppvenv check .venv\n"
                  "  cppvenv check --fast */.venv\n"
                  "  cppvenv check --json .venv | jq -r '.[].problems[].fix'");
    return {check, [options] {
                const FactsCache cache(default_cache_directory());
                bool healthy = true;
                nlohmann::ordered_json report = nlohmann::ordered_json::array();
                for (const std::string& env_dir : options->env_dirs) {
                    std::vector<HealthProblem> problems = check_venv_health(
                        env_dir, env_dir, options->fast ? HealthDepth::Fast : HealthDepth::Full,
                        cache);
                    healthy = healthy && problems.empty();
                    if (options->json) {
                        report.push_back(venv_json(env_dir, problems));
                    } else {
                        print_text(env_dir, problems);
                    }
                }
                if (options->json) {
                    fmt::print("{}\n", json_output_text(report));
                }
                return healthy ? 0 : 1;
            }};
}

} // namespace cppvenv
