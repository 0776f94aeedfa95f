// The "Activate with: ..." line create prints for the user's shell.
#include "activation/activation_hint.hpp"

#include "activation/shell_quoting.hpp"

#include <algorithm>

namespace cppvenv {

namespace {

enum class ShellKind { Posix, PosixWithSource, Fish, Csh, Nushell, Xonsh, PowerShell, Cmd };

ShellKind shell_kind(std::string_view shell_path, Platform platform) {
    const std::size_t slash = shell_path.find_last_of("/\\");
    std::string name(slash == std::string_view::npos ? shell_path : shell_path.substr(slash + 1));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".exe") == 0) {
        name.resize(name.size() - 4);
    }
    if (name == "fish") {
        return ShellKind::Fish;
    }
    if (name == "csh" || name == "tcsh" || name == "bsd-csh") {
        return ShellKind::Csh;
    }
    if (name == "nu") {
        return ShellKind::Nushell;
    }
    if (name == "xonsh") {
        return ShellKind::Xonsh;
    }
    if (name == "pwsh" || name == "powershell") {
        return ShellKind::PowerShell;
    }
    if (name == "bash" || name == "zsh" || name == "ksh" || name == "ksh93" || name == "mksh") {
        return ShellKind::PosixWithSource;
    }
    if (name.empty()) {
        return platform == Platform::Windows ? ShellKind::Cmd : ShellKind::PosixWithSource;
    }
    return ShellKind::Posix;
}

// Characters every shell here reads as part of a plain word (\\ only where it is
// the folder separator: cmd and PowerShell).
bool needs_quotes(std::string_view path, ShellKind kind) {
    const bool backslash_is_plain = kind == ShellKind::Cmd || kind == ShellKind::PowerShell;
    return path.empty() || path.front() == '~' ||
           path.find_first_not_of(backslash_is_plain
                                      ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789_./-+,:@\\"
                                      : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789_./-+,:@") != std::string_view::npos;
}

template <typename Quote>
std::string quoted_if_needed(const std::string& path, ShellKind kind, Quote quote) {
    return needs_quotes(path, kind) ? quote(path) : path;
}

} // namespace

std::string activation_hint(std::string_view shell_path, std::string_view env_dir,
                            Platform platform) {
    const ShellKind kind = shell_kind(shell_path, platform);
    const bool windows = platform == Platform::Windows;
    const std::string bin_dir = venv_scripts_dir_name(platform);
    const std::string separator =
        windows && kind != ShellKind::Posix && kind != ShellKind::PosixWithSource ? "\\" : "/";
    std::string folder(env_dir);
    if (!folder.empty() && folder.front() == '-') {
        folder = "." + separator + folder; // never read as an option
    }
    const std::string scripts = folder + separator + bin_dir + separator;
    std::string command;
    switch (kind) {
    case ShellKind::Posix:
        command = ". " + quoted_if_needed(scripts + "activate", kind, quote_for_posix_sh);
        break;
    case ShellKind::PosixWithSource:
        command = "source " + quoted_if_needed(scripts + "activate", kind, quote_for_posix_sh);
        break;
    case ShellKind::Fish:
        command = "source " + quoted_if_needed(scripts + "activate.fish", kind, quote_for_fish);
        break;
    case ShellKind::Csh:
        command = "source " + quoted_if_needed(scripts + "activate.csh", kind, quote_for_csh);
        break;
    case ShellKind::Nushell:
        command =
            "overlay use " + quoted_if_needed(scripts + "activate.nu", kind, quote_for_nushell);
        break;
    case ShellKind::Xonsh:
        command = "source " + quoted_if_needed(scripts + "activate.xsh", kind, quote_for_python);
        break;
    case ShellKind::PowerShell: {
        const std::string script = scripts + "Activate.ps1";
        command = needs_quotes(script, kind) ? "& " + quote_for_powershell(script) : script;
        break;
    }
    case ShellKind::Cmd:
        command = quoted_if_needed(scripts + "activate.bat", kind,
                                   [](const std::string& text) { return "\"" + text + "\""; });
        break;
    }
    return "Activate with: " + command;
}

} // namespace cppvenv
