// cppvenv.1 rendered from the CLI11 app (see man_page.hpp).
#include "cli/man_page.hpp"

#include "cli/help_format.hpp"
#include "cli/settings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sstream>

namespace cppvenv {

namespace {

std::string trimmed(std::string text) {
    text.erase(0, text.find_first_not_of(" \n"));
    text.erase(text.find_last_not_of(" \n") + 1);
    return text;
}

// "-p,--python TEXT" as \fB\-p\fR, \fB\-\-python\fR \fITEXT\fR.
std::string option_heading(const CLI::Formatter& formatter, const CLI::Option* option,
                           bool positional) {
    std::string names;
    std::istringstream parts(formatter.make_option_name(option, positional));
    for (std::string name; std::getline(parts, name, ',');) {
        names += (names.empty() ? "" : ", ") + (positional ? "\\fI" + roff_escaped(name) + "\\fR"
                                                           : "\\fB" + roff_escaped(name) + "\\fR");
    }
    const std::string value = trimmed(formatter.make_option_opts(option));
    if (!positional && !value.empty()) {
        names += " \\fI" + roff_escaped(value) + "\\fR";
    }
    return names;
}

void options_list(std::string& page, const CLI::Formatter& formatter,
                  const std::vector<const CLI::Option*>& options, bool positional) {
    for (const CLI::Option* option : options) {
        page += ".TP\n" + option_heading(formatter, option, positional) + "\n" +
                roff_escaped(option->get_description()) + "\n";
    }
}

// A --help footer: lines indented by two spaces (examples, install lines) are
// kept as they are; the others are paragraphs.
void footer_text(std::string& page, const std::string& footer) {
    std::istringstream lines(footer);
    bool in_example = false;
    for (std::string line; std::getline(lines, line);) {
        const bool example = line.rfind("  ", 0) == 0;
        if (example != in_example) {
            page += example ? ".PP\n.RS 4\n.nf\n" : ".fi\n.RE\n";
            in_example = example;
        }
        if (line.empty()) {
            continue;
        }
        page += (example ? "" : ".PP\n") + roff_escaped(example ? line.substr(2) : line) + "\n";
    }
    if (in_example) {
        page += ".fi\n.RE\n";
    }
}

std::string usage_of(const CLI::App& app, const CLI::Formatter& formatter,
                     const std::string& name) {
    std::string usage = trimmed(formatter.make_usage(&app, name));
    const std::string label = "Usage: ";
    return usage.rfind(label, 0) == 0 ? usage.substr(label.size()) : usage;
}

void command_section(std::string& page, const CLI::App& app, const CLI::Formatter& formatter,
                     const std::string& name) {
    const std::vector<const CLI::App*> subcommands = app.get_subcommands({});
    page += ".SS \"" + roff_escaped(name) + "\"\n";
    page += ".B " + roff_escaped(usage_of(app, formatter, name)) + "\n";
    std::string aliases;
    for (const std::string& alias : app.get_aliases()) {
        aliases += (aliases.empty() ? "" : ", ") + alias;
    }
    page += ".PP\n" + roff_escaped(app.get_description()) +
            (aliases.empty() ? "" : " (also: " + roff_escaped(aliases) + ")") + "\n";
    const std::vector<const CLI::Option*> positionals =
        app.get_options([](const CLI::Option* option) { return option->get_positional(); });
    const std::vector<const CLI::Option*> options =
        app.get_options([&app](const CLI::Option* option) {
            return option->nonpositional() && option != app.get_help_ptr();
        });
    options_list(page, formatter, positionals, true);
    options_list(page, formatter, options, false);
    if (subcommands.empty() || app.get_footer() != app.get_parent()->get_footer()) {
        footer_text(page, app.get_footer());
    }
    for (const CLI::App* sub : subcommands) {
        command_section(page, *sub, formatter, name + " " + sub->get_name());
    }
}

} // namespace

std::string roff_escaped(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        if (c == '\\') {
            escaped += "\\e";
        } else if (c == '-') {
            escaped += "\\-";
        } else {
            escaped += c;
        }
    }
    // A line that starts with '.' or '\'' would be a request.
    std::string safe;
    bool line_start = true;
    for (char c : escaped) {
        if (line_start && (c == '.' || c == '\'')) {
            safe += "\\&";
        }
        safe += c;
        line_start = c == '\n';
    }
    return safe;
}

std::string man_page(const CLI::App& root) {
    const auto formatter = std::dynamic_pointer_cast<CLI::Formatter>(root.get_formatter());
    const CLI::Formatter fallback;
    const CLI::Formatter& format = formatter ? *formatter : fallback;
    std::string page =
        fmt::format(".TH CPPVENV 1 \"\" \"cppvenv {}\" \"User Commands\"\n", CPPVENV_VERSION);
    page += ".SH NAME\ncppvenv \\- create and manage Python virtual environments, fast\n";
    page += ".SH SYNOPSIS\n.B " + roff_escaped(usage_of(root, format, "cppvenv")) + "\n";
    page += ".SH DESCRIPTION\n" + roff_escaped(root.get_description()) + "\n";
    page += ".PP\nA faster, safer drop\\-in replacement for \\fBpython \\-m venv\\fR: "
            "venv's flags and tree, activation scripts that no path or prompt can break, "
            "pip seeded from the interpreter's bundled wheels in milliseconds.\n";
    page += ".SH OPTIONS\nThese work before or after any command.\n";
    options_list(page, format, global_options(root), false);
    page += ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nPrint the help of cppvenv or of a command "
            "and exit.\n.TP\n\\fB\\-\\-version\\fR\nPrint cppvenv's version and exit.\n";
    page += ".SH COMMANDS\n";
    for (const CLI::App* sub : root.get_subcommands({})) {
        command_section(page, *sub, format, "cppvenv " + sub->get_name());
    }
    page += ".SH ENVIRONMENT\n";
    for (const SettingDefinition& setting : setting_definitions()) {
        page += ".TP\n.B " + roff_escaped(setting.environment_name) + "\n" +
                roff_escaped(setting.help) + "\n";
    }
    page += ".TP\n.B NO_COLOR\nWhen set and not empty, no colour (below \\-\\-color and "
            "CPPVENV_COLOR).\n"
            ".TP\n.B FORCE_COLOR\\fR, \\fBCLICOLOR_FORCE\nWhen set and not empty (CLICOLOR_FORCE: "
            "not 0), colour even into a pipe (below NO_COLOR).\n"
            ".TP\n.B TERM\n\\fBdumb\\fR turns colour off (below FORCE_COLOR).\n"
            ".TP\n.B PYENV_ROOT\\fR, \\fBPYENV_VERSION\nWhere pyenv's versions are, and which "
            "one its shims select.\n"
            ".TP\n.B XDG_CACHE_HOME\\fR, \\fBXDG_CONFIG_HOME\nThe interpreter facts cache "
            "(cppvenv/ in it) and the user's config.toml (cppvenv/config.toml).\n";
    page += ".SH FILES\n.TP\n.I $XDG_CONFIG_HOME/cppvenv/config.toml\nThe user's defaults "
            "(else ~/.config/cppvenv/config.toml).\n.TP\n.I cppvenv.toml\nA project's defaults: "
            "the nearest one upward from the current folder (harmless settings only).\n";
    page += ".SH EXIT STATUS\n0 on success, 1 on a failure (or an unhealthy venv for "
            "\\fBcheck\\fR), 2 for a usage error; \\fBrun\\fR and \\fBshell\\fR exit with the "
            "command's or the shell's own status.\n";
    page += ".SH SEE ALSO\n.BR python3 (1),\n.BR pip (1)\n";
    return page;
}

} // namespace cppvenv
