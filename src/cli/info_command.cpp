// The `info` subcommand: text and JSON output of read_venv_info.
#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/terminal_style.hpp"
#include "util/output.hpp"
#include "venv/venv_info.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

struct InfoOptions {
    std::string env_dir;
    bool json = false;
};

std::string implementation_name(const std::string& implementation) {
    if (implementation == "cpython") {
        return "CPython";
    }
    if (implementation == "pypy") {
        return "PyPy";
    }
    return implementation.empty() ? std::string("Python") : implementation;
}

nlohmann::ordered_json info_json(const VenvInfo& info) {
    const VenvConfig& config = info.config;
    nlohmann::ordered_json distributions = nlohmann::ordered_json::array();
    for (const Distribution& distribution : info.distributions) {
        distributions.push_back({{"name", distribution.name}, {"version", distribution.version}});
    }
    return {
        {"path", info.path.string()},
        {"python",
         {{"implementation", info.implementation.empty()
                                 ? nlohmann::ordered_json(nullptr)
                                 : nlohmann::ordered_json(info.implementation)},
          {"version", config.version},
          {"executable", info.base_executable.string()},
          {"home", config.home},
          {"exists", info.base_exists}}},
        {"include_system_site_packages", config.include_system_site_packages},
        {"prompt",
         config.prompt ? nlohmann::ordered_json(*config.prompt) : nlohmann::ordered_json(nullptr)},
        {"relocatable", config.relocatable},
        {"creator",
         {{"name", config.creator},
          {"version", config.creator_version.empty()
                          ? nlohmann::ordered_json(nullptr)
                          : nlohmann::ordered_json(config.creator_version)}}},
        {"distributions", distributions},
        {"size_on_disk", info.size_on_disk},
    };
}

void print_info(const VenvInfo& info) {
    const VenvConfig& config = info.config;
    auto row = [](std::string_view label, const std::string& value) {
        fmt::print("{:<22}{}\n", label, value);
    };
    row("Environment", styled_for_stdout(visible(info.path.string()), Tone::Strong));
    row("Python",
        visible(fmt::format("{} {}", implementation_name(info.implementation),
                            config.version.empty() ? "(version unknown)" : config.version)));
    row("Base interpreter",
        visible(info.base_executable.string()) +
            (info.base_exists ? "" : styled_for_stdout(" (missing)", Tone::Bad)));
    row("Base home", visible(config.home));
    row("System site-packages", config.include_system_site_packages ? "yes" : "no");
    // Without a prompt in pyvenv.cfg, every creator's activation scripts (venv,
    // virtualenv, uv, cppvenv) draw the folder's name: show that name.
    fs::path folder = info.path.lexically_normal();
    if (folder.filename() == "." && folder.has_parent_path()) {
        folder = folder.parent_path();
    }
    row("Prompt", visible(config.prompt.value_or(folder.filename().string())));
    row("Relocatable", config.relocatable ? "yes" : "no");
    row("Created by", visible(config.creator_version.empty()
                                  ? config.creator
                                  : fmt::format("{} {}", config.creator, config.creator_version)));
    row("Size on disk", human_size(info.size_on_disk));
    row("Distributions", info.distributions.empty() ? std::string("none")
                                                    : std::to_string(info.distributions.size()));
    for (const Distribution& distribution : info.distributions) {
        fmt::print("  {} {}\n", visible(distribution.name), visible(distribution.version));
    }
}

} // namespace

Command add_info_command(CLI::App& root) {
    auto options = std::make_shared<InfoOptions>();
    CLI::App* info = root.add_subcommand(
        "info", "Show a venv's Python, base interpreter, creator, packages and size.");
    info->add_option("ENV_DIR", options->env_dir, "The venv (a folder with pyvenv.cfg).")
        ->required();
    info->add_flag("--json", options->json, "Print one JSON object (schema in the README).");
    info->footer("Reads pyvenv.cfg, the *.dist-info metadata and the file sizes; Python is not "
                 "started.\n\n"
                 "Examples:\n"
                 "  cppvenv info .venv\n"
                 "  cppvenv info --json .venv | jq -r '.python.version'");
    return {info, [options] {
                VenvInfo info = read_venv_info(options->env_dir);
                if (options->json) {
                    fmt::print("{}\n", json_output_text(info_json(info)));
                } else {
                    print_info(info);
                }
                return 0;
            }};
}

} // namespace cppvenv
