#pragma once

#include "venv/create_options.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace CLI {
class App;
}

namespace cppvenv {

// Defaults for cppvenv's options from outside the command line. Precedence,
// highest first: the command line, CPPVENV_* variables, the project's
// cppvenv.toml, the user's config.toml, the built-in defaults. Adding a setting
// is one row in the table in settings.cpp.

enum class SettingGroup { Global, Create };
// DirectoryList: absolute folders in one text, separated as in PATH
// (folder_list_separator); a config file may give them as an array of strings.
enum class SettingType { Boolean, Text, Choice, Directory, DirectoryList };
// A project's cppvenv.toml comes with a cloned repository: untrusted input. It
// may set harmless defaults only.
enum class InProjectFile { Allowed, Refused };

using SettingValue = std::variant<bool, std::string>;

// What a setting can change outside CreateOptions.
struct GlobalSettings {
    bool quiet = false;
    bool verbose = false;
    std::optional<std::string> cache_dir;
    std::string color = "auto";
};

struct SettingDefinition {
    const char* key;              // in the config files: "without-pip"
    const char* environment_name; // "CPPVENV_WITHOUT_PIP"
    SettingGroup group;
    SettingType type;
    const char* command_line; // the options that override it, comma-separated
    InProjectFile project_file;
    const char* choices; // "auto|always|never" for SettingType::Choice
    const char* help;
    void (*apply)(GlobalSettings&, CreateOptions&, const SettingValue&);
    std::optional<SettingValue> (*read)(const GlobalSettings&, const CreateOptions&);
};

const std::vector<SettingDefinition>& setting_definitions();
// Whether `word` is one of a Choice setting's choices, exactly (case included).
bool is_setting_choice(const SettingDefinition& definition, std::string_view word);

enum class SettingSource { Default, UserFile, ProjectFile, Environment, CommandLine };

// One key = value from a config file.
struct ConfigEntry {
    std::string key;
    SettingValue value;
    long line = 0;
};

struct ConfigFile {
    boost::filesystem::path path;
    SettingSource source = SettingSource::UserFile;
    std::vector<ConfigEntry> entries;
};

// Where the config files are, and what they hold (parsed and checked).
struct LoadedConfig {
    boost::filesystem::path user_path; // where the user's file is looked for
    std::optional<ConfigFile> user;
    std::optional<ConfigFile> project;
};

// The config files for this process, read once; throws UsageError naming the
// file and line of an unknown key or a wrong type.
const LoadedConfig& loaded_config();

struct ResolvedSetting {
    const SettingDefinition* definition = nullptr;
    std::optional<SettingValue> value; // nothing: not set (the built-in default)
    SettingSource source = SettingSource::Default;
    std::string origin; // "CPPVENV_PROMPT", "/src/cppvenv.toml:3", "the command line"
};

// Every setting of `group` from the environment and the config files (not the
// command line). Throws UsageError naming the variable of a malformed value.
std::vector<ResolvedSetting> resolve_settings(SettingGroup group);

// Applies the settings of `group` that the command line `app` did not give to
// `global` and `create`; returns all of them with their sources (command line
// ones included, read back from the options).
std::vector<ResolvedSetting> apply_settings(SettingGroup group, const CLI::App& app,
                                            GlobalSettings& global, CreateOptions& create);

// "prompt = \"x\" (from CPPVENV_PROMPT)" for a setting that is not the default.
std::string describe_setting(const ResolvedSetting& setting);

// `value` as TOML would write it: true, "3.12".
std::string setting_value_text(const SettingValue& value);

const char* source_name(SettingSource source); // "environment", "project-file", …

#ifdef _WIN32
constexpr char folder_list_separator = ';';
#else
constexpr char folder_list_separator = ':';
#endif

// The folders of a DirectoryList value, and back.
std::vector<std::string> split_folder_list(const std::string& folders);
std::string join_folder_list(const std::vector<std::string>& folders);

} // namespace cppvenv
