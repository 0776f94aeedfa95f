#include "activation/shell_startup.hpp"

#include "activation/shell_quoting.hpp"
#include "activation/template_rendering.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace cppvenv {

namespace {

// Each start-up file is a template whose {{PLACEHOLDER}}s receive values already
// quoted for that shell; the text around them never quotes them.

// bash --rcfile: what bash itself reads for an interactive shell, then the venv.
constexpr const char* bash_rcfile = R"(# cppvenv shell: your own ~/.bashrc, then the venv.
if [ -f ~/.bashrc ]; then . ~/.bashrc; fi
. {{ACTIVATE}}
)";

// zsh reads $ZDOTDIR/.zshenv, then $ZDOTDIR/.zshrc (interactive), each time with
// the ZDOTDIR of that moment. The private ZDOTDIR's files put the user's own
// ZDOTDIR back while they source the user's file (which may change ZDOTDIR, as a
// ~/.zshenv that sets ZDOTDIR=~/.config/zsh does), and .zshrc leaves it back for
// good, so nested shells and `exec zsh` see the user's own setting.
constexpr const char* zsh_zshenv = R"(# cppvenv shell: your own .zshenv and .zshrc, then the venv.
_cppvenv_zdotdir={{PRIVATE_FOLDER}}
{{RESTORE_ZDOTDIR}}
if [[ -f "${ZDOTDIR:-$HOME}/.zshenv" ]]; then source "${ZDOTDIR:-$HOME}/.zshenv"; fi
if (( ${+ZDOTDIR} )); then _cppvenv_user_zdotdir=$ZDOTDIR; else unset _cppvenv_user_zdotdir; fi
ZDOTDIR=$_cppvenv_zdotdir
)";

constexpr const char* zsh_zshrc = R"(# cppvenv shell: your own .zshrc, then the venv.
if (( ${+_cppvenv_user_zdotdir} )); then ZDOTDIR=$_cppvenv_user_zdotdir; else unset ZDOTDIR; fi
unset _cppvenv_zdotdir _cppvenv_user_zdotdir
if [[ -f "${ZDOTDIR:-$HOME}/.zshrc" ]]; then source "${ZDOTDIR:-$HOME}/.zshrc"; fi
source {{ACTIVATE}}
)";

// tcsh and csh have no option naming a start-up file: HOME is the private
// folder while they start; its file puts the user's HOME back and sources the
// user's own file as the shell would have (tcsh: ~/.tcshrc, else ~/.cshrc).
constexpr const char* tcsh_tcshrc =
    R"(# cppvenv shell: your own ~/.tcshrc (or ~/.cshrc), then the venv.
set home = {{HOME}}
setenv HOME {{HOME}}
if ( -r "$home/.tcshrc" ) then
    source "$home/.tcshrc"
else if ( -r "$home/.cshrc" ) then
    source "$home/.cshrc"
endif
source {{ACTIVATE}}
)";

constexpr const char* csh_cshrc = R"(# cppvenv shell: your own ~/.cshrc, then the venv.
set home = {{HOME}}
setenv HOME {{HOME}}
if ( -r "$home/.cshrc" ) then
    source "$home/.cshrc"
endif
source {{ACTIVATE}}
)";

// xonsh --rc loads only the files named; this one loads the ones xonsh would
// have ($XONSHRC, then the *.xsh files of $XONSHRC_DIR), then the venv.
constexpr const char* xonsh_rc = R"(# cppvenv shell: your own xonsh rc files, then the venv.
import glob as _cppvenv_glob
import os.path as _cppvenv_path
for _cppvenv_rc in list($XONSHRC):
    if _cppvenv_path.isfile(_cppvenv_path.expanduser(_cppvenv_rc)):
        source @(_cppvenv_path.expanduser(_cppvenv_rc))
for _cppvenv_rc_dir in list($XONSHRC_DIR):
    for _cppvenv_rc in sorted(_cppvenv_glob.glob(_cppvenv_path.join(_cppvenv_path.expanduser(_cppvenv_rc_dir), '*.xsh'))):
        source @(_cppvenv_rc)
del _cppvenv_glob, _cppvenv_path
source @({{ACTIVATE}})
)";

// POSIX sh, ksh, mksh, busybox: an interactive shell sources $ENV (after
// parameter expansion), and mksh and ksh93 fall back to ~/.mkshrc, ~/.kshrc.
constexpr const char* posix_env = R"(# cppvenv shell: your own $ENV file, then the venv.
{{RESTORE_ENV}}
if [ -n "${ENV-}" ]; then
    eval "_cppvenv_rc=\"$ENV\""
else
    _cppvenv_rc={{DEFAULT_RC}}
fi
if [ -n "$_cppvenv_rc" ] && [ -r "$_cppvenv_rc" ]; then . "$_cppvenv_rc"; fi
unset _cppvenv_rc
. {{ACTIVATE}}
)";

std::string program_name(const std::string& program) {
    const std::string::size_type slash = program.find_last_of('/');
    std::string name = slash == std::string::npos ? program : program.substr(slash + 1);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!name.empty() && name.front() == '-') {
        name.erase(0, 1); // a login shell's argv[0]
    }
    return name;
}

bool is_posix_sh(const std::string& name) {
    static const char* const names[] = {"sh",   "dash",  "ash",  "ksh",  "ksh93", "mksh",
                                        "lksh", "pdksh", "oksh", "yash", "posh",  "busybox"};
    return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::string join_path(const std::string& folder, const std::string& name) {
    return folder.empty() || folder.back() == '/' ? folder + name : folder + "/" + name;
}

ShellStartup posix_startup(const std::string& name, const std::string& activate,
                           const std::string& private_folder, const UserShellEnvironment& user) {
    ShellStartup startup;
    startup.shell_name = name;
    startup.activation_script = activate;
    if (name == "busybox") {
        startup.arguments = {"sh"};
    }
    startup.arguments.push_back("-i");
    const std::string env_file = join_path(private_folder, "env.sh");
    std::string default_rc;
    if (user.home && (name == "mksh" || name == "lksh")) {
        default_rc = join_path(*user.home, ".mkshrc");
    } else if (user.home && (name == "ksh" || name == "ksh93")) {
        default_rc = join_path(*user.home, ".kshrc");
    }
    const std::map<std::string, std::string> values = {
        {"RESTORE_ENV", user.env ? "ENV=" + quote_for_posix_sh(*user.env) + "; export ENV"
                                 : std::string("unset ENV")},
        {"DEFAULT_RC", quote_for_posix_sh(default_rc)},
        {"ACTIVATE", quote_for_posix_sh(activate)},
    };
    startup.files.push_back({"env.sh", fill_placeholders("env.sh", posix_env, values)});
    startup.set_variables.emplace_back("ENV", env_file);
    return startup;
}

} // namespace

std::optional<ShellStartup> shell_startup(const std::string& shell_program, const std::string& venv,
                                          const std::string& bin_folder,
                                          const std::string& private_folder,
                                          const UserShellEnvironment& user) {
    const std::string name = program_name(shell_program);
    const std::string scripts = join_path(venv, bin_folder);
    ShellStartup startup;
    startup.shell_name = name;
    if (name == "bash") {
        startup.activation_script = join_path(scripts, "activate");
        const std::string rcfile = join_path(private_folder, "bashrc");
        startup.files.push_back(
            {"bashrc",
             fill_placeholders("bashrc", bash_rcfile,
                               {{"ACTIVATE", quote_for_posix_sh(startup.activation_script)}})});
        startup.arguments = {"--rcfile", rcfile, "-i"};
        return startup;
    }
    if (name == "zsh") {
        startup.activation_script = join_path(scripts, "activate");
        const std::map<std::string, std::string> values = {
            {"PRIVATE_FOLDER", quote_for_posix_sh(private_folder)},
            {"RESTORE_ZDOTDIR", user.zdotdir ? "ZDOTDIR=" + quote_for_posix_sh(*user.zdotdir)
                                             : std::string("unset ZDOTDIR")},
            {"ACTIVATE", quote_for_posix_sh(startup.activation_script)},
        };
        startup.files.push_back({".zshenv", fill_placeholders(".zshenv", zsh_zshenv, values)});
        startup.files.push_back({".zshrc", fill_placeholders(".zshrc", zsh_zshrc, values)});
        startup.set_variables.emplace_back("ZDOTDIR", private_folder);
        startup.arguments = {"-i"};
        return startup;
    }
    if (name == "fish") {
        startup.activation_script = join_path(scripts, "activate.fish");
        // -C runs after fish's own configuration.
        startup.arguments = {"-i", "-C", "source " + quote_for_fish(startup.activation_script)};
        return startup;
    }
    if (name == "tcsh" || name == "csh" || name == "bsd-csh") {
        if (!user.home || user.home->empty()) {
            return std::nullopt; // no HOME to put back
        }
        startup.activation_script = join_path(scripts, "activate.csh");
        const std::map<std::string, std::string> values = {
            {"HOME", quote_for_csh(*user.home)},
            {"ACTIVATE", quote_for_csh(startup.activation_script)},
        };
        // /bin/csh may be tcsh (which reads .tcshrc first) or bsd csh (.cshrc only).
        startup.files.push_back({".tcshrc", fill_placeholders(".tcshrc", tcsh_tcshrc, values)});
        startup.files.push_back({".cshrc", fill_placeholders(".cshrc", csh_cshrc, values)});
        startup.set_variables.emplace_back("HOME", private_folder);
        startup.arguments = {"-i"};
        return startup;
    }
    if (name == "nu") {
        startup.activation_script = join_path(scripts, "activate.nu");
        // --execute runs after nu's own env.nu and config.nu.
        startup.arguments = {"--execute",
                             "overlay use " + quote_for_nushell(startup.activation_script)};
        return startup;
    }
    if (name == "xonsh") {
        startup.activation_script = join_path(scripts, "activate.xsh");
        startup.files.push_back(
            {"rc.xsh",
             fill_placeholders("rc.xsh", xonsh_rc,
                               {{"ACTIVATE", quote_for_python(startup.activation_script)}})});
        startup.arguments = {"-i", "--rc", join_path(private_folder, "rc.xsh")};
        return startup;
    }
    if (is_posix_sh(name)) {
        return posix_startup(name, join_path(scripts, "activate"), private_folder, user);
    }
    return std::nullopt;
}

} // namespace cppvenv
