#include "cli/settings.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <string_view>

namespace cppvenv {

namespace {

using Global = GlobalSettings;
using Create = CreateOptions;
using Value = SettingValue;
using Read = std::optional<Value>;

bool on(const Value& value) {
    return std::get<bool>(value);
}
const std::string& text(const Value& value) {
    return std::get<std::string>(value);
}

// clang-format off
const std::vector<SettingDefinition> definitions = {
    // key, variable, group, type, overriding options, in a project file, choices, help
    {"python", "CPPVENV_PYTHON", SettingGroup::Create, SettingType::Text, "--python",
     InProjectFile::Allowed, "", "The interpreter (-p); in a project file a version or command name, never a path.",
     [](Global&, Create& c, const Value& v) { c.python_spec = text(v); },
     [](const Global&, const Create& c) -> Read { if (c.python_spec) return Value(*c.python_spec); return {}; }},
    {"prompt", "CPPVENV_PROMPT", SettingGroup::Create, SettingType::Text, "--prompt",
     InProjectFile::Allowed, "", "The prompt prefix (--prompt).",
     [](Global&, Create& c, const Value& v) { c.prompt = text(v); },
     [](const Global&, const Create& c) -> Read { if (c.prompt) return Value(*c.prompt); return {}; }},
    {"without-pip", "CPPVENV_WITHOUT_PIP", SettingGroup::Create, SettingType::Boolean, "--without-pip",
     InProjectFile::Allowed, "", "Skip installing pip (--without-pip).",
     [](Global&, Create& c, const Value& v) { c.with_pip = !on(v); },
     [](const Global&, const Create& c) -> Read { return Value(!c.with_pip); }},
    {"system-site-packages", "CPPVENV_SYSTEM_SITE_PACKAGES", SettingGroup::Create, SettingType::Boolean,
     "--system-site-packages", InProjectFile::Allowed, "", "See the system site-packages (--system-site-packages).",
     [](Global&, Create& c, const Value& v) { c.system_site_packages = on(v); },
     [](const Global&, const Create& c) -> Read { return Value(c.system_site_packages); }},
    {"copies", "CPPVENV_COPIES", SettingGroup::Create, SettingType::Boolean, "--copies,--symlinks",
     InProjectFile::Allowed, "", "Copy the interpreter instead of linking it (--copies).",
     [](Global&, Create& c, const Value& v) { if (on(v)) c.link_mode = LinkMode::Copies; },
     [](const Global&, const Create& c) -> Read { return Value(c.link_mode == LinkMode::Copies); }},
    {"symlinks", "CPPVENV_SYMLINKS", SettingGroup::Create, SettingType::Boolean, "--copies,--symlinks",
     InProjectFile::Allowed, "", "Link the interpreter (--symlinks; the POSIX default).",
     [](Global&, Create& c, const Value& v) { if (on(v)) c.link_mode = LinkMode::Symlinks; },
     [](const Global&, const Create& c) -> Read { return Value(c.link_mode == LinkMode::Symlinks); }},
    {"upgrade-deps", "CPPVENV_UPGRADE_DEPS", SettingGroup::Create, SettingType::Boolean, "--upgrade-deps",
     InProjectFile::Allowed, "", "Upgrade pip from PyPI after creating (--upgrade-deps).",
     [](Global&, Create& c, const Value& v) { c.upgrade_deps = on(v); },
     [](const Global&, const Create& c) -> Read { return Value(c.upgrade_deps); }},
    {"seed-from", "CPPVENV_SEED_FROM", SettingGroup::Create, SettingType::DirectoryList, "--seed-from",
     InProjectFile::Refused, "", "Folders of wheels searched before the bundled ones (--seed-from), separated as in PATH.",
     [](Global&, Create& c, const Value& v) { c.seed_from = split_folder_list(text(v)); },
     [](const Global&, const Create& c) -> Read { if (!c.seed_from.empty()) return Value(join_folder_list(c.seed_from)); return {}; }},
    {"pip", "CPPVENV_PIP", SettingGroup::Create, SettingType::Text, "--pip",
     InProjectFile::Allowed, "", "The pip to seed: VERSION, bundle or none (--pip).",
     [](Global&, Create& c, const Value& v) { c.seed_pip = text(v); },
     [](const Global&, const Create& c) -> Read { if (c.seed_pip) return Value(*c.seed_pip); return {}; }},
    {"setuptools", "CPPVENV_SETUPTOOLS", SettingGroup::Create, SettingType::Text, "--setuptools",
     InProjectFile::Allowed, "", "The setuptools to seed: VERSION, bundle or none (--setuptools).",
     [](Global&, Create& c, const Value& v) { c.seed_setuptools = text(v); },
     [](const Global&, const Create& c) -> Read { if (c.seed_setuptools) return Value(*c.seed_setuptools); return {}; }},
    {"wheel", "CPPVENV_WHEEL", SettingGroup::Create, SettingType::Text, "--wheel",
     InProjectFile::Allowed, "", "The wheel to seed: VERSION, bundle or none (--wheel).",
     [](Global&, Create& c, const Value& v) { c.seed_wheel = text(v); },
     [](const Global&, const Create& c) -> Read { if (c.seed_wheel) return Value(*c.seed_wheel); return {}; }},
    {"without-scm-ignore-files", "CPPVENV_WITHOUT_SCM_IGNORE_FILES", SettingGroup::Create,
     SettingType::Boolean, "--without-scm-ignore-files", InProjectFile::Allowed, "",
     "Skip the venv's .gitignore (--without-scm-ignore-files).",
     [](Global&, Create& c, const Value& v) { c.scm_ignore_files = !on(v); },
     [](const Global&, const Create& c) -> Read { return Value(!c.scm_ignore_files); }},
    {"compile-bytecode", "CPPVENV_COMPILE_BYTECODE", SettingGroup::Create, SettingType::Boolean,
     "--compile-bytecode", InProjectFile::Allowed, "", "Write .pyc files for pip (--compile-bytecode).",
     [](Global&, Create& c, const Value& v) { c.compile_bytecode = on(v); },
     [](const Global&, const Create& c) -> Read { return Value(c.compile_bytecode); }},
    {"link-mode", "CPPVENV_LINK_MODE", SettingGroup::Create, SettingType::Choice, "--link-mode",
     InProjectFile::Allowed, "clone|copy|hardlink|symlink",
     "How pip's files come from the wheel cache (--link-mode): clone, copy, hardlink, symlink.",
     [](Global&, Create& c, const Value& v) { c.package_link_mode = *parse_package_link_mode(text(v)); },
     [](const Global&, const Create& c) -> Read { return Value(std::string(package_link_mode_name(c.package_link_mode))); }},
    {"allow-existing", "CPPVENV_ALLOW_EXISTING", SettingGroup::Create, SettingType::Boolean,
     "--allow-existing", InProjectFile::Refused, "", "Write into a non-empty folder (--allow-existing).",
     [](Global&, Create& c, const Value& v) { c.existing = on(v) ? ExistingDirectory::Allow : ExistingDirectory::Refuse; },
     [](const Global&, const Create& c) -> Read { return Value(c.existing == ExistingDirectory::Allow); }},
    {"quiet", "CPPVENV_QUIET", SettingGroup::Global, SettingType::Boolean, "--quiet,--verbose",
     InProjectFile::Allowed, "", "Print nothing but errors (-q).",
     [](Global& g, Create&, const Value& v) { g.quiet = on(v); },
     [](const Global& g, const Create&) -> Read { return Value(g.quiet); }},
    {"verbose", "CPPVENV_VERBOSE", SettingGroup::Global, SettingType::Boolean, "--quiet,--verbose",
     InProjectFile::Allowed, "", "Explain each step (-v).",
     [](Global& g, Create&, const Value& v) { g.verbose = on(v); },
     [](const Global& g, const Create&) -> Read { return Value(g.verbose); }},
    {"cache-dir", "CPPVENV_CACHE_DIR", SettingGroup::Global, SettingType::Directory, "",
     InProjectFile::Refused, "", "The cache of interpreter facts and unpacked wheels (default $XDG_CACHE_HOME/cppvenv).",
     [](Global& g, Create&, const Value& v) { g.cache_dir = text(v); },
     [](const Global& g, const Create&) -> Read { if (g.cache_dir) return Value(*g.cache_dir); return {}; }},
    {"color", "CPPVENV_COLOR", SettingGroup::Global, SettingType::Choice, "--color",
     InProjectFile::Allowed, "auto|always|never", "Colour (--color): auto (a terminal; NO_COLOR, FORCE_COLOR, TERM=dumb count), always, never.",
     [](Global& g, Create&, const Value& v) { g.color = text(v); },
     [](const Global& g, const Create&) -> Read { return Value(g.color); }},
};
// clang-format on

// Pairs that exclude each other when both are on: the one from the higher
// source wins; from the same source they are an error.
const std::pair<const char*, const char*> exclusive_pairs[] = {
    {"copies", "symlinks"}, {"without-pip", "upgrade-deps"}, {"without-pip", "compile-bytecode"}};

std::string lower_case(std::string word) {
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return word;
}

std::optional<bool> parse_boolean(const std::string& word) {
    const std::string lowered = lower_case(word);
    for (const char* yes : {"1", "true", "yes", "on"}) {
        if (lowered == yes) {
            return true;
        }
    }
    for (const char* no : {"0", "false", "no", "off"}) {
        if (lowered == no) {
            return false;
        }
    }
    return std::nullopt;
}

// The value of $NAME for `definition`, checked; nothing when unset or empty.
std::optional<Value> environment_value(const SettingDefinition& definition) {
    std::optional<std::string> raw = environment_variable(definition.environment_name);
    if (!raw || raw->empty()) {
        return std::nullopt;
    }
    switch (definition.type) {
    case SettingType::Boolean:
        if (std::optional<bool> value = parse_boolean(*raw)) {
            return Value(*value);
        }
        throw UsageError(fmt::format("{}='{}' is not a boolean (use 1/0, true/false, yes/no or "
                                     "on/off)",
                                     definition.environment_name, *raw));
    case SettingType::Choice:
        if (!is_setting_choice(definition, lower_case(*raw))) {
            throw UsageError(fmt::format("{}='{}' is not one of {}", definition.environment_name,
                                         *raw, definition.choices));
        }
        return Value(lower_case(*raw));
    case SettingType::Directory:
        return Value(absolute_path(*raw).string());
    case SettingType::DirectoryList: {
        std::vector<std::string> folders;
        for (const std::string& folder : split_folder_list(*raw)) {
            folders.push_back(absolute_path(folder).string());
        }
        return Value(join_folder_list(folders));
    }
    case SettingType::Text:
        break;
    }
    return Value(*raw);
}

int source_rank(SettingSource source) {
    return static_cast<int>(source);
}

// Whether one of the options `definition` names is among those the command line
// gave. Only the given options (one or two, usually) are compared with the names:
// CLI11's lookup by name compares a name with every option of the command.
bool given_on_command_line(const SettingDefinition& definition,
                           const std::vector<const CLI::Option*>& given) {
    std::string_view names = definition.command_line;
    while (!names.empty()) {
        const std::string_view::size_type comma = names.find(',');
        const std::string name(names.substr(0, comma));
        for (const CLI::Option* option : given) {
            if (option->check_name(name)) {
                return true;
            }
        }
        names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
    }
    return false;
}

ResolvedSetting* find_setting(std::vector<ResolvedSetting>& settings, const char* key) {
    for (ResolvedSetting& setting : settings) {
        if (std::string(setting.definition->key) == key) {
            return &setting;
        }
    }
    return nullptr;
}

void settle_exclusive_pairs(std::vector<ResolvedSetting>& settings) {
    for (const auto& [first_key, second_key] : exclusive_pairs) {
        ResolvedSetting* first = find_setting(settings, first_key);
        ResolvedSetting* second = find_setting(settings, second_key);
        if (first == nullptr || second == nullptr || !first->value || !second->value ||
            !on(*first->value) || !on(*second->value)) {
            continue;
        }
        if (first->source == second->source && first->source != SettingSource::CommandLine) {
            throw UsageError(fmt::format("{} (from {}) and {} (from {}) exclude each other",
                                         first_key, first->origin, second_key, second->origin));
        }
        ResolvedSetting* loser =
            source_rank(first->source) < source_rank(second->source) ? first : second;
        loser->value.reset();
        loser->source = SettingSource::Default;
        loser->origin.clear();
    }
}

} // namespace

bool is_setting_choice(const SettingDefinition& definition, std::string_view word) {
    std::string_view choices = definition.choices;
    while (true) {
        const std::size_t bar = choices.find('|');
        if (choices.substr(0, bar) == word) {
            return true;
        }
        if (bar == std::string_view::npos) {
            return false;
        }
        choices.remove_prefix(bar + 1);
    }
}

const std::vector<SettingDefinition>& setting_definitions() {
    return definitions;
}

std::vector<ResolvedSetting> resolve_settings(SettingGroup group) {
    const LoadedConfig& config = loaded_config();
    std::vector<ResolvedSetting> settings;
    for (const SettingDefinition& definition : definitions) {
        if (definition.group != group) {
            continue;
        }
        ResolvedSetting setting;
        setting.definition = &definition;
        if (std::optional<Value> value = environment_value(definition)) {
            setting = {&definition, value, SettingSource::Environment, definition.environment_name};
        } else {
            for (const std::optional<ConfigFile>* file : {&config.project, &config.user}) {
                if (!file->has_value()) {
                    continue;
                }
                const auto& entries = (*file)->entries;
                auto entry =
                    std::find_if(entries.begin(), entries.end(),
                                 [&](const ConfigEntry& e) { return e.key == definition.key; });
                if (entry != entries.end()) {
                    setting = {&definition, entry->value, (*file)->source,
                               fmt::format("{}:{}", (*file)->path.string(), entry->line)};
                    break;
                }
            }
        }
        settings.push_back(setting);
    }
    settle_exclusive_pairs(settings);
    return settings;
}

std::vector<ResolvedSetting> apply_settings(SettingGroup group, const CLI::App& app,
                                            GlobalSettings& global, CreateOptions& create) {
    std::vector<ResolvedSetting> settings = resolve_settings(group);
    const std::vector<const CLI::Option*> given =
        app.get_options([](const CLI::Option* option) { return option->count() > 0; });
    for (ResolvedSetting& setting : settings) {
        if (given_on_command_line(*setting.definition, given)) {
            setting.source = SettingSource::CommandLine;
            setting.origin = "the command line";
            setting.value = setting.definition->read(global, create);
        }
    }
    settle_exclusive_pairs(settings);
    for (const ResolvedSetting& setting : settings) {
        if (setting.value && setting.source != SettingSource::CommandLine) {
            setting.definition->apply(global, create, *setting.value);
        }
    }
    return settings;
}

std::string setting_value_text(const SettingValue& value) {
    if (const bool* flag = std::get_if<bool>(&value)) {
        return *flag ? "true" : "false";
    }
    std::string quoted = "\"";
    for (char c : std::get<std::string>(value)) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "\"";
}

std::string describe_setting(const ResolvedSetting& setting) {
    return fmt::format("{} = {} (from {})", setting.definition->key,
                       setting.value ? setting_value_text(*setting.value) : "(not set)",
                       setting.origin);
}

std::vector<std::string> split_folder_list(const std::string& folders) {
    std::vector<std::string> list;
    size_t start = 0;
    while (start <= folders.size()) {
        const size_t end = std::min(folders.find(folder_list_separator, start), folders.size());
        if (end > start) { // an empty part names no folder, as in PATH
            list.push_back(folders.substr(start, end - start));
        }
        start = end + 1;
    }
    return list;
}

std::string join_folder_list(const std::vector<std::string>& folders) {
    std::string joined;
    for (const std::string& folder : folders) {
        joined += (joined.empty() ? "" : std::string(1, folder_list_separator)) + folder;
    }
    return joined;
}

const char* source_name(SettingSource source) {
    switch (source) {
    case SettingSource::Default:
        return "default";
    case SettingSource::UserFile:
        return "user-file";
    case SettingSource::ProjectFile:
        return "project-file";
    case SettingSource::Environment:
        return "environment";
    case SettingSource::CommandLine:
        return "command-line";
    }
    return "default";
}

} // namespace cppvenv
