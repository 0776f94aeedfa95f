// The `python` subcommand (`python list`): text and JSON output of the interpreter listing.
#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/terminal_style.hpp"
#include "python/interpreter_listing.hpp"
#include "util/output.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace cppvenv {

namespace {

std::string describe(const ListedInterpreter& listed) {
    if (!listed.facts) {
        return "?";
    }
    return fmt::format("{} {}", listed.facts->implementation == "pypy" ? "PyPy" : "CPython",
                       listed.facts->version_string());
}

void print_json(const InterpreterListing& listing) {
    nlohmann::ordered_json interpreters = nlohmann::ordered_json::array();
    nlohmann::ordered_json selected = nullptr;
    for (const ListedInterpreter& listed : listing.interpreters) {
        nlohmann::ordered_json entry = {
            {"path", listed.path.string()},
            {"real_path", listed.real_path.string()},
            {"implementation", listed.facts ? nlohmann::ordered_json(listed.facts->implementation)
                                            : nlohmann::ordered_json(nullptr)},
            {"version", listed.facts ? nlohmann::ordered_json(listed.facts->version_string())
                                     : nlohmann::ordered_json(nullptr)},
            {"sources", listed.sources},
            {"usable", listed.problem.empty()},
            {"problem", listed.problem.empty() ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(listed.problem)},
            {"selected", listed.selected},
        };
        if (listed.selected) {
            selected = {{"path", listed.path.string()}, {"reason", listing.selected_reason}};
        }
        interpreters.push_back(entry);
    }
    nlohmann::ordered_json document = {{"interpreters", interpreters}, {"selected", selected}};
    if (selected.is_null()) {
        document["selected_error"] = listing.selected_reason;
    }
    fmt::print("{}\n", json_output_text(document));
}

void print_table(const InterpreterListing& listing) {
    size_t path_width = 0;
    size_t version_width = 0;
    for (const ListedInterpreter& listed : listing.interpreters) {
        path_width = std::max(path_width, listed.path.string().size());
        version_width = std::max(version_width, describe(listed).size());
    }
    const ListedInterpreter* selected = nullptr;
    for (const ListedInterpreter& listed : listing.interpreters) {
        std::string line = visible(fmt::format("{} {:<{}}  {:<{}}  {}", listed.selected ? "*" : " ",
                                               listed.path.string(), path_width, describe(listed),
                                               version_width, fmt::join(listed.sources, ", ")));
        if (!listed.problem.empty()) {
            line += "  (not usable: " + visible(listed.problem) + ")";
        }
        if (listed.selected) {
            selected = &listed;
            line = styled_for_stdout(line, Tone::Strong);
        }
        fmt::print("{}\n", line);
    }
    if (selected) {
        fmt::print("\n* `cppvenv create` picks {}: {}\n", visible(selected->path.string()),
                   visible(listing.selected_reason));
    } else {
        fmt::print("\n`cppvenv create` without -p finds no interpreter: {}\n",
                   visible(listing.selected_reason));
    }
}

} // namespace

Command add_python_command(CLI::App& root) {
    CLI::App* python = root.add_subcommand("python", "Interpreters cppvenv can see.");
    python->require_subcommand(1);
    python->footer("Examples:\n"
                   "  cppvenv python list                  every interpreter, the one `create` "
                   "picks marked\n"
                   "  cppvenv python list --json | jq -r '.selected.reason'");
    auto json = std::make_shared<bool>(false);
    CLI::App* list = python->add_subcommand(
        "list", "List the interpreters cppvenv can see; mark the one `create` picks.");
    list->add_flag("--json", *json, "Print one JSON object (schema in the README).");
    list->footer("Looks on PATH (pyenv shims resolved), in $PYENV_ROOT/versions and in "
                 "/usr/local/bin, /usr/bin, /bin; lists each interpreter once, by real path.\n\n"
                 "Examples:\n"
                 "  cppvenv python list\n"
                 "  cppvenv python list --json | jq -r '.selected.path'");
    return {list, [json] {
                InterpreterListing listing = list_interpreters(
                    DiscoveryContext::from_environment(), FactsCache(default_cache_directory()));
                if (*json) {
                    print_json(listing);
                } else {
                    print_table(listing);
                }
                return 0;
            }};
}

} // namespace cppvenv
