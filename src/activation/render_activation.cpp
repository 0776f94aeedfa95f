// The table of activation scripts (file, platforms, quoting, line endings) and their rendering.
#include "activation/activation.hpp"
#include "activation/prompt_escaping.hpp"
#include "activation/shell_quoting.hpp"
#include "activation/template_rendering.hpp"
#include "util/embedded_files.hpp"
#include "util/error.hpp"

#include <map>

namespace cppvenv {

namespace {

using Placeholders = std::map<std::string, std::string>;

// The text a flag placeholder holds: non-empty means "relocatable".
std::string relocatable_flag(const ActivationValues& values) {
    return values.relocatable == Relocatable::Yes ? "1" : "";
}

// The placeholders most templates share, each quoted by `quote`.
template <typename Quote>
Placeholders common_placeholders(const ActivationValues& values, Quote quote) {
    return {
        {"VENV_DIR", quote(values.env_dir.str())},
        {"BIN_NAME", quote(values.bin_dir)},
        {"PROMPT", quote(values.prompt)},
        {"RELOCATABLE", quote(relocatable_flag(values))},
    };
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

Placeholders posix_sh_placeholders(const ActivationValues& values) {
    Placeholders placeholders = common_placeholders(values, quote_for_posix_sh);
    placeholders["PS1_PREFIX_BASH"] =
        quote_for_posix_sh(bash_prompt_literal("(" + values.prompt + ") "));
    return placeholders;
}

Placeholders fish_placeholders(const ActivationValues& values) {
    return common_placeholders(values, quote_for_fish);
}

Placeholders csh_placeholders(const ActivationValues& values) {
    Placeholders placeholders = common_placeholders(values, quote_for_csh);
    const std::string prefix = "(" + values.prompt + ") ";
    placeholders["PROMPT_PREFIX_TCSH"] = quote_for_csh(tcsh_prompt_literal(prefix));
    placeholders["PROMPT_PREFIX_BSD_CSH"] = quote_for_csh(bsd_csh_prompt_literal(prefix));
    return placeholders;
}

Placeholders nushell_placeholders(const ActivationValues& values) {
    return common_placeholders(values, quote_for_nushell);
}

Placeholders python_placeholders(const ActivationValues& values) {
    return common_placeholders(values, quote_for_python);
}

Placeholders powershell_placeholders(const ActivationValues& values) {
    return common_placeholders(values, quote_for_powershell);
}

Placeholders cmd_placeholders(const ActivationValues& values) {
    // PROMPT reads $ as an escape ($G is >); $$ shows one $.
    const std::string prompt_prefix = "(" + replace_all(values.prompt, "$", "$$") + ") ";
    const std::pair<const char*, std::pair<const char*, std::string>> assignments[] = {
        {"SET_VIRTUAL_ENV", {"VIRTUAL_ENV", values.env_dir.str()}},
        {"SET_VIRTUAL_ENV_PROMPT", {"VIRTUAL_ENV_PROMPT", values.prompt}},
        {"SET_PROMPT_PREFIX", {"_VIRTUAL_ENV_PROMPT_PREFIX", prompt_prefix}},
        {"SET_BIN_NAME", {"_VIRTUAL_ENV_BIN_NAME", values.bin_dir}},
    };
    Placeholders placeholders;
    for (const auto& [placeholder, assignment] : assignments) {
        const auto& [variable, value] = assignment;
        placeholders[placeholder] = quote_for_cmd(variable, value, CmdExpansion::Immediate);
        placeholders[std::string(placeholder) + "_DELAYED"] =
            quote_for_cmd(variable, value, CmdExpansion::Delayed);
    }
    placeholders["SET_RELOCATABLE"] = quote_for_cmd(
        "_VIRTUAL_ENV_RELOCATABLE", relocatable_flag(values), CmdExpansion::Immediate);
    return placeholders;
}

enum class Platforms { PosixOnly, WindowsOnly, Both };

// One row per script: its file name (also its template's name under templates/),
// the platforms that get it, how its values are quoted, and its line endings on
// POSIX and on Windows. CPython's venv copies its templates byte for byte, and
// its repository pins *.bat and *.ps1 to CRLF and `activate` to LF (for Cygwin's
// bash); the Windows layout follows that.
struct ScriptKind {
    const char* file_name;
    Platforms platforms;
    Placeholders (*placeholders)(const ActivationValues&);
    LineEndings posix_line_endings;
    LineEndings windows_line_endings;
};

constexpr ScriptKind script_kinds[] = {
    {"activate", Platforms::Both, posix_sh_placeholders, LineEndings::Lf, LineEndings::Lf},
    {"activate.fish", Platforms::PosixOnly, fish_placeholders, LineEndings::Lf, LineEndings::Lf},
    {"activate.csh", Platforms::PosixOnly, csh_placeholders, LineEndings::Lf, LineEndings::Lf},
    {"activate.nu", Platforms::Both, nushell_placeholders, LineEndings::Lf, LineEndings::Lf},
    {"activate.xsh", Platforms::Both, python_placeholders, LineEndings::Lf, LineEndings::Lf},
    {"Activate.ps1", Platforms::Both, powershell_placeholders, LineEndings::Lf, LineEndings::CrLf},
    {"activate.bat", Platforms::WindowsOnly, cmd_placeholders, LineEndings::CrLf,
     LineEndings::CrLf},
    {"deactivate.bat", Platforms::WindowsOnly, cmd_placeholders, LineEndings::CrLf,
     LineEndings::CrLf},
    {"activate_this.py", Platforms::Both, python_placeholders, LineEndings::Lf, LineEndings::Lf},
};

bool is_for(const ScriptKind& kind, Platform platform) {
    switch (kind.platforms) {
    case Platforms::PosixOnly:
        return platform == Platform::Posix;
    case Platforms::WindowsOnly:
        return platform == Platform::Windows;
    case Platforms::Both:
        return true;
    }
    return false;
}

} // namespace

std::vector<std::string> activation_script_names(Platform platform) {
    std::vector<std::string> names;
    for (const ScriptKind& kind : script_kinds) {
        if (is_for(kind, platform)) {
            names.emplace_back(kind.file_name);
        }
    }
    return names;
}

std::vector<ActivationScript> render_activation_scripts(const ActivationValues& values) {
    const Platform platform = values.env_dir.platform();
    std::vector<ActivationScript> scripts;
    for (const ScriptKind& kind : script_kinds) {
        if (!is_for(kind, platform)) {
            continue;
        }
        const std::string_view template_text = embedded_file(kind.file_name);
        if (template_text.empty()) {
            throw Error(std::string("the activation template ") + kind.file_name +
                        " is missing from this build");
        }
        ActivationScript script;
        script.relative_path = values.bin_dir + "/" + kind.file_name;
        script.mode = 0644;
        // Line endings first, so that a value's own characters are left alone.
        script.contents =
            fill_placeholders(kind.file_name,
                              with_line_endings(template_text, platform == Platform::Windows
                                                                   ? kind.windows_line_endings
                                                                   : kind.posix_line_endings),
                              kind.placeholders(values));
        scripts.push_back(std::move(script));
    }
    return scripts;
}

} // namespace cppvenv
