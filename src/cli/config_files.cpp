// The config files: the user's config.toml and a project's cppvenv.toml, read
// with toml++ (header-only here, so the binary loads no extra library).
#include "cli/settings.hpp"
#include "python/discovery.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"

#include <algorithm>
#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <toml++/toml.h>

namespace fs = boost::filesystem;

namespace cppvenv {

namespace {

std::string known_keys() {
    std::string keys;
    for (const SettingDefinition& definition : setting_definitions()) {
        keys += keys.empty() ? "" : ", ";
        keys += definition.key;
    }
    return keys;
}

const char* type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    default:
        return "a date or time";
    }
}

const SettingDefinition* definition_for(const std::string& key) {
    for (const SettingDefinition& definition : setting_definitions()) {
        if (key == definition.key) {
            return &definition;
        }
    }
    return nullptr;
}

// A list of absolute folders: an array of strings, or one string separated as in PATH.
SettingValue checked_folder_list(const SettingDefinition& definition, const toml::node& node,
                                 const std::string& where) {
    std::vector<std::string> folders;
    if (const auto* one = node.as_string()) {
        folders = split_folder_list(one->get());
    } else if (const auto* array = node.as_array()) {
        for (const toml::node& element : *array) {
            const auto* folder = element.as_string();
            if (folder == nullptr) {
                throw UsageError(fmt::format("{}: {} must list strings, not {}", where,
                                             definition.key, type_name(element)));
            }
            if (folder->get().find(folder_list_separator) != std::string::npos) {
                throw UsageError(fmt::format("{}: {}: a folder cannot hold '{}': \"{}\"", where,
                                             definition.key, folder_list_separator, folder->get()));
            }
            folders.push_back(folder->get());
        }
    } else {
        throw UsageError(fmt::format("{}: {} must be an array of folders, not {}", where,
                                     definition.key, type_name(node)));
    }
    for (const std::string& folder : folders) {
        if (!fs::path(folder).is_absolute()) {
            throw UsageError(fmt::format("{}: {} must list absolute paths, not \"{}\"", where,
                                         definition.key, folder));
        }
    }
    return join_folder_list(folders);
}

// The value of one key, checked against its definition and the file's trust.
SettingValue checked_value(const SettingDefinition& definition, const toml::node& node,
                           const ConfigFile& file, const std::string& where) {
    if (definition.type == SettingType::Boolean) {
        if (const auto* flag = node.as_boolean()) {
            return flag->get();
        }
        throw UsageError(fmt::format("{}: {} must be true or false, not {}", where, definition.key,
                                     type_name(node)));
    }
    if (definition.type == SettingType::DirectoryList) {
        return checked_folder_list(definition, node, where);
    }
    const auto* string = node.as_string();
    if (string == nullptr) {
        throw UsageError(
            fmt::format("{}: {} must be a string, not {}", where, definition.key, type_name(node)));
    }
    const std::string value = string->get();
    if (definition.type == SettingType::Choice && !is_setting_choice(definition, value)) {
        throw UsageError(fmt::format("{}: {} must be one of {}, not \"{}\"", where, definition.key,
                                     definition.choices, value));
    }
    if (definition.type == SettingType::Directory && !fs::path(value).is_absolute()) {
        throw UsageError(fmt::format("{}: {} must be an absolute path, not \"{}\"", where,
                                     definition.key, value));
    }
    if (file.source == SettingSource::ProjectFile && std::string(definition.key) == "python" &&
        !is_version_name(value)) {
        // As in .python-version: a cloned repository must not pick a program to run.
        throw UsageError(fmt::format("{}: python in a project's cppvenv.toml must be a version or "
                                     "a command name (3.12, pypy3), never a path: \"{}\"",
                                     where, value));
    }
    return value;
}

ConfigFile read_config_file(const fs::path& path, SettingSource source) {
    std::optional<std::string> text = read_file(path);
    if (!text) {
        throw Error(fmt::format("cannot read the config file {}", path.string()));
    }
    ConfigFile file{path, source, {}};
    toml::table table;
    try {
        table = toml::parse(*text, path.string());
    } catch (const toml::parse_error& error) {
        throw UsageError(fmt::format("{}:{}: {}", path.string(), error.source().begin.line,
                                     error.description()));
    }
    // toml++ keeps keys sorted; check them in the file's order, so an error
    // names the first wrong line.
    std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order;
    for (const auto& [key, node] : table) {
        in_file_order.emplace_back(&key, &node);
    }
    std::sort(in_file_order.begin(), in_file_order.end(), [](const auto& a, const auto& b) {
        return a.first->source().begin.line < b.first->source().begin.line;
    });
    for (const auto& [key_pointer, node_pointer] : in_file_order) {
        const toml::key& key = *key_pointer;
        const toml::node& node = *node_pointer;
        const std::string name(key.str());
        const std::string where = fmt::format("{}:{}", path.string(), key.source().begin.line);
        const SettingDefinition* definition = definition_for(name);
        if (definition == nullptr) {
            throw UsageError(
                fmt::format("{}: unknown key '{}' (the keys are {})", where, name, known_keys()));
        }
        if (source == SettingSource::ProjectFile &&
            definition->project_file == InProjectFile::Refused) {
            throw UsageError(fmt::format("{}: {} may not be set by a project's cppvenv.toml (it is "
                                         "untrusted input); set it in {} or your config.toml",
                                         where, name, definition->environment_name));
        }
        file.entries.push_back({name, checked_value(*definition, node, file, where),
                                static_cast<long>(key.source().begin.line)});
    }
    return file;
}

bool is_config_file(const fs::path& path) {
    boost::system::error_code error;
    return fs::is_regular_file(path, error);
}

fs::path user_config_path() {
    std::optional<std::string> xdg = environment_variable("XDG_CONFIG_HOME");
    if (xdg && fs::path(*xdg).is_absolute()) {
        return fs::path(*xdg) / "cppvenv" / "config.toml";
    }
    return home_directory() / ".config" / "cppvenv" / "config.toml";
}

std::optional<fs::path> find_project_config(const fs::path& start) {
    for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
        if (is_config_file(dir / "cppvenv.toml")) {
            return dir / "cppvenv.toml";
        }
        if (dir == dir.root_path()) {
            break;
        }
    }
    return std::nullopt;
}

LoadedConfig load_config() {
    LoadedConfig config;
    config.user_path = user_config_path();
    if (is_config_file(config.user_path)) {
        config.user = read_config_file(config.user_path, SettingSource::UserFile);
    }
    fs::path here;
    try {
        here = current_directory();
    } catch (const Error&) {
        return config; // a deleted current folder has no project
    }
    if (std::optional<fs::path> project = find_project_config(here)) {
        config.project = read_config_file(*project, SettingSource::ProjectFile);
    }
    return config;
}

} // namespace

const LoadedConfig& loaded_config() {
    static const LoadedConfig config = load_config();
    return config;
}

} // namespace cppvenv
