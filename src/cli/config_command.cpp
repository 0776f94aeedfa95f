// `cppvenv config show`, and the global settings (-q, -v, cache folder, colour)
// taken from the environment and the config files for every command.
#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/settings.hpp"
#include "python/facts_cache.hpp"
#include "util/output.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace cppvenv {

namespace {

std::vector<ResolvedSetting> all_settings() {
    std::vector<ResolvedSetting> settings = resolve_settings(SettingGroup::Create);
    std::vector<ResolvedSetting> global = resolve_settings(SettingGroup::Global);
    settings.insert(settings.end(), global.begin(), global.end());
    return settings;
}

// The value a setting has when nothing sets it.
std::optional<SettingValue> built_in_default(const SettingDefinition& definition) {
    return definition.read(GlobalSettings{}, CreateOptions{});
}

void print_text(const std::vector<ResolvedSetting>& settings, const LoadedConfig& config) {
    fmt::print("# user config: {}{}\n", visible(config.user_path.string()),
               config.user ? "" : " (none)");
    fmt::print("# project config: {}\n",
               config.project ? visible(config.project->path.string()) : "(none)");
    for (const ResolvedSetting& setting : settings) {
        const std::optional<SettingValue> value =
            setting.value ? setting.value : built_in_default(*setting.definition);
        const std::string shown = value ? setting_value_text(*value) : "(not set)";
        const std::string origin =
            setting.source == SettingSource::Default ? "default" : "from " + setting.origin;
        fmt::print("{} = {}  # {}\n", setting.definition->key, visible(shown), visible(origin));
    }
}

nlohmann::ordered_json json_value(const std::optional<SettingValue>& value) {
    if (!value) {
        return nullptr;
    }
    if (const bool* flag = std::get_if<bool>(&*value)) {
        return *flag;
    }
    return std::get<std::string>(*value);
}

void print_json(const std::vector<ResolvedSetting>& settings, const LoadedConfig& config) {
    nlohmann::ordered_json document;
    document["user_config"] = config.user_path.string();
    document["user_config_found"] = config.user.has_value();
    document["project_config"] =
        config.project ? nlohmann::ordered_json(config.project->path.string()) : nullptr;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ResolvedSetting& setting : settings) {
        nlohmann::ordered_json entry;
        entry["key"] = setting.definition->key;
        entry["environment_variable"] = setting.definition->environment_name;
        entry["value"] =
            json_value(setting.value ? setting.value : built_in_default(*setting.definition));
        entry["source"] = source_name(setting.source);
        entry["origin"] = setting.source == SettingSource::Default
                              ? nlohmann::ordered_json(nullptr)
                              : nlohmann::ordered_json(setting.origin);
        list.push_back(entry);
    }
    document["settings"] = list;
    fmt::print("{}\n", json_output_text(document));
}

} // namespace

Command add_config_command(CLI::App& root) {
    CLI::App* config = root.add_subcommand("config", "cppvenv's own settings.");
    config->require_subcommand(1);
    config->footer("Examples:\n"
                   "  cppvenv config show                  each setting, its value and its source\n"
                   "  cppvenv config show --json");
    auto json = std::make_shared<bool>(false);
    CLI::App* show = config->add_subcommand(
        "show", "Print the effective defaults and where each came from (CPPVENV_* variables, "
                "cppvenv.toml, config.toml).");
    show->add_flag("--json", *json, "Print one JSON object.");
    show->footer("Precedence, highest first: the command line, CPPVENV_* variables, the nearest "
                 "cppvenv.toml upward from here, $XDG_CONFIG_HOME/cppvenv/config.toml (else "
                 "~/.config/cppvenv/config.toml), the built-in defaults.\n\n"
                 "Examples:\n"
                 "  cppvenv config show\n"
                 "  cppvenv config show --json | jq -r '.settings[] | select(.source != "
                 "\"default\") | .key'");
    return {show, [json] {
                const std::vector<ResolvedSetting> settings = all_settings();
                if (*json) {
                    print_json(settings, loaded_config());
                } else {
                    print_text(settings, loaded_config());
                }
                return 0;
            }};
}

namespace {
ColourMode colour_mode_named(const std::string& name) {
    return name == "always"  ? ColourMode::Always
           : name == "never" ? ColourMode::Never
                             : ColourMode::Auto;
}
} // namespace

void apply_colour_option(const GlobalOptions& options) {
    if (!options.color.empty()) {
        set_colour_mode(colour_mode_named(options.color));
    }
}

int apply_global_settings(const CLI::App& app, const GlobalOptions& options) {
    GlobalSettings global;
    global.quiet = options.quiet;
    global.verbose = options.verbose > 0;
    if (!options.color.empty()) {
        global.color = options.color;
    }
    CreateOptions unused;
    std::vector<ResolvedSetting> settings =
        apply_settings(SettingGroup::Global, app, global, unused);
    if (global.cache_dir) {
        set_cache_directory(*global.cache_dir);
    }
    set_colour_mode(colour_mode_named(global.color));
    const int verbosity = global.quiet ? -1 : std::max(options.verbose, global.verbose ? 1 : 0);
    set_verbosity(verbosity);
    for (const ResolvedSetting& setting : settings) {
        if (setting.source != SettingSource::Default &&
            setting.source != SettingSource::CommandLine) {
            print_verbose(describe_setting(setting));
        }
    }
    return verbosity;
}

} // namespace cppvenv
