// The `list` subcommand: the venvs found below a folder.
#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/terminal_style.hpp"
#include "python/facts_cache.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "venv/venv_health.hpp"
#include "venv/venv_info.hpp"
#include "venv/venv_search.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

struct ListOptions {
    std::vector<std::string> dirs;
    int depth = 3;
    bool json = false;
};

struct ListedVenv {
    std::string shown_path;
    fs::path path;
    std::string version;
    std::vector<HealthProblem> problems;
};

std::vector<ListedVenv> gather(const ListOptions& options) {
    const FactsCache cache(default_cache_directory());
    std::vector<ListedVenv> venvs;
    std::vector<std::string> dirs = options.dirs;
    if (dirs.empty()) {
        dirs.push_back(".");
    }
    for (const std::string& dir : dirs) {
        boost::system::error_code error;
        const fs::file_status status = fs::status(dir, error);
        if (status.type() == fs::file_not_found) {
            throw Error(fmt::format("cannot list venvs in {}: no such folder", dir));
        }
        if (status.type() != fs::directory_file) {
            throw Error(fmt::format("cannot list venvs in {}: {}", dir,
                                    error ? error.message() : "not a folder"));
        }
        const std::vector<fs::path> found_here = find_venvs(dir, options.depth);
        if (found_here.empty() && !options.json && verbosity() >= 0) {
            // An empty table would look like a failure; say what was searched.
            print_to_stderr(fmt::format("cppvenv: no venvs under {} ({} {} deep)\n", visible(dir),
                                        options.depth, options.depth == 1 ? "level" : "levels"));
        }
        for (const fs::path& found : found_here) {
            ListedVenv venv;
            venv.shown_path = found.lexically_normal().string();
            if (venv.shown_path.rfind("./", 0) == 0) {
                venv.shown_path.erase(0, 2); // found under "."
            }
            venv.path = absolute_path(found);
            venv.problems = check_venv_health(found, venv.shown_path, HealthDepth::Fast, cache);
            try {
                venv.version = read_venv_config(found).version;
            } catch (const Error&) {
                // reported among the problems
            }
            venvs.push_back(std::move(venv));
        }
    }
    return venvs;
}

void print_json(const std::vector<ListedVenv>& venvs) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ListedVenv& venv : venvs) {
        nlohmann::ordered_json problems = nlohmann::ordered_json::array();
        for (const HealthProblem& problem : venv.problems) {
            problems.push_back({{"problem", problem.problem}, {"fix", problem.fix}});
        }
        list.push_back({{"path", venv.path.string()},
                        {"version", venv.version.empty() ? nlohmann::ordered_json(nullptr)
                                                         : nlohmann::ordered_json(venv.version)},
                        {"healthy", venv.problems.empty()},
                        {"problems", problems}});
    }
    fmt::print("{}\n", json_output_text(list));
}

void print_table(const std::vector<ListedVenv>& venvs) {
    size_t path_width = 0;
    for (const ListedVenv& venv : venvs) {
        path_width = std::max(path_width, visible(venv.shown_path).size());
    }
    for (const ListedVenv& venv : venvs) {
        std::string health =
            venv.problems.empty()
                ? styled_for_stdout("ok", Tone::Good)
                : styled_for_stdout(
                      fmt::format("broken: {}{}", visible(venv.problems.front().problem),
                                  venv.problems.size() > 1
                                      ? fmt::format(" (+{} more)", venv.problems.size() - 1)
                                      : std::string()),
                      Tone::Bad);
        fmt::print("{:<{}}  {:<8}  {}\n", visible(venv.shown_path), path_width,
                   venv.version.empty() ? "?" : visible(venv.version), health);
    }
}

} // namespace

Command add_list_command(CLI::App& root) {
    auto options = std::make_shared<ListOptions>();
    CLI::App* list = root.add_subcommand(
        "list", "Find venvs under folders, with their Python version and health.");
    list->add_option("DIR", options->dirs, "Where to look (default: the current folder).");
    list->add_option("--depth", options->depth, "How many levels of folders to descend.")
        ->default_val(3)
        ->check(CLI::Range(0, 64));
    list->add_flag("--json", options->json, "Print one JSON array (schema in the README).");
    list->footer("A venv is a folder with pyvenv.cfg; venvs, symlinks, .git and node_modules are "
                 "not descended into. Health is what `check --fast` reports.\n\n"
                 "Examples:\n"
                 "  cppvenv list ~/src\n"
                 "  cppvenv list --json --depth 1 .");
    return {list, [options] {
                std::vector<ListedVenv> venvs = gather(*options);
                if (options->json) {
                    print_json(venvs);
                } else {
                    print_table(venvs);
                }
                return 0;
            }};
}

} // namespace cppvenv
