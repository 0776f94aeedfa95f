#include "activation/shell_quoting.hpp"
#include "activation/shell_startup.hpp"
#include "catch_compat.hpp"
#include "cli/command.hpp"
#include "cli/completion_model.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>

using namespace cppvenv;

namespace {

const std::string venv = "/p $(touch RAN) 'q' `x` !1 \xc3\xa9/.venv";
const std::string folder = "/tmp/cppvenv-shell.abc123";
const UserShellEnvironment user{std::string("/home/u $x"), std::nullopt, std::nullopt};

std::string file_named(const ShellStartup& startup, const std::string& name) {
    for (const StartupFile& file : startup.files) {
        if (file.name == name) {
            return file.contents;
        }
    }
    FAIL("no start-up file " << name);
    return "";
}

} // namespace

TEST_CASE("shell startup: bash sources ~/.bashrc, then the venv's activate, quoted") {
    auto startup = shell_startup("/usr/bin/bash", venv, "bin", folder, user);
    REQUIRE(startup);
    CHECK(startup->arguments == std::vector<std::string>{"--rcfile", folder + "/bashrc", "-i"});
    const std::string rc = file_named(*startup, "bashrc");
    const std::string source = ". " + quote_for_posix_sh(venv + "/bin/activate");
    CHECK(rc.find(source) != std::string::npos);
    CHECK(rc.find("~/.bashrc") < rc.find(source)); // the user's file first
    CHECK(startup->activation_script == venv + "/bin/activate");
}

TEST_CASE("shell startup: zsh gets a private ZDOTDIR that puts the user's back") {
    auto unset = shell_startup("zsh", venv, "bin", folder, user);
    REQUIRE(unset);
    CHECK(unset->set_variables ==
          std::vector<std::pair<std::string, std::string>>{{"ZDOTDIR", folder}});
    CHECK(file_named(*unset, ".zshenv").find("unset ZDOTDIR") != std::string::npos);
    const std::string zshrc = file_named(*unset, ".zshrc");
    CHECK(zshrc.find("source " + quote_for_posix_sh(venv + "/bin/activate")) >
          zshrc.find("/.zshrc\"; fi"));

    UserShellEnvironment own = user;
    own.zdotdir = "/home/u/zsh 'dir'";
    auto set = shell_startup("/bin/zsh", venv, "bin", folder, own);
    REQUIRE(set);
    CHECK(file_named(*set, ".zshenv").find("ZDOTDIR=" + quote_for_posix_sh(*own.zdotdir)) !=
          std::string::npos);
}

TEST_CASE("shell startup: fish and nu activate through an option run after their config") {
    auto fish = shell_startup("/usr/bin/fish", venv, "bin", folder, user);
    REQUIRE(fish);
    CHECK(fish->files.empty());
    CHECK(fish->arguments ==
          std::vector<std::string>{"-i", "-C",
                                   "source " + quote_for_fish(venv + "/bin/activate.fish")});
    auto nu = shell_startup("/opt/nu", venv, "bin", folder, user);
    REQUIRE(nu);
    CHECK(nu->arguments ==
          std::vector<std::string>{"--execute",
                                   "overlay use " + quote_for_nushell(venv + "/bin/activate.nu")});
}

TEST_CASE("shell startup: tcsh and csh start with HOME private and put the user's back") {
    for (const char* shell : {"/bin/tcsh", "/bin/csh", "/usr/bin/bsd-csh"}) {
        INFO(shell);
        auto startup = shell_startup(shell, venv, "bin", folder, user);
        REQUIRE(startup);
        CHECK(startup->set_variables ==
              std::vector<std::pair<std::string, std::string>>{{"HOME", folder}});
        const std::string tcshrc = file_named(*startup, ".tcshrc");
        CHECK(tcshrc.find("setenv HOME " + quote_for_csh(*user.home)) != std::string::npos);
        CHECK(tcshrc.find("source " + quote_for_csh(venv + "/bin/activate.csh")) !=
              std::string::npos);
        CHECK(file_named(*startup, ".cshrc").find("\"$home/.tcshrc\"") == std::string::npos);
    }
    // Without a HOME to put back, csh cannot be started this way.
    CHECK_FALSE(shell_startup("/bin/tcsh", venv, "bin", folder, UserShellEnvironment{}));
    // A newline cannot be quoted for csh: refused, never written half-quoted.
    CHECK_THROWS_AS(shell_startup("/bin/tcsh", "/a\nb", "bin", folder, user), Error);
}

TEST_CASE("shell startup: POSIX shells read ENV, which puts the user's own back") {
    auto dash = shell_startup("/usr/bin/dash", venv, "bin", folder, user);
    REQUIRE(dash);
    CHECK(dash->arguments == std::vector<std::string>{"-i"});
    CHECK(dash->set_variables ==
          std::vector<std::pair<std::string, std::string>>{{"ENV", folder + "/env.sh"}});
    const std::string env = file_named(*dash, "env.sh");
    CHECK(env.find("unset ENV") != std::string::npos);
    CHECK(env.find("_cppvenv_rc=''") != std::string::npos); // dash: no default file
    CHECK(env.find(". " + quote_for_posix_sh(venv + "/bin/activate")) != std::string::npos);

    UserShellEnvironment own = user;
    own.env = "$HOME/.shrc";
    auto mksh = shell_startup("mksh", venv, "bin", folder, own);
    REQUIRE(mksh);
    CHECK(file_named(*mksh, "env.sh").find("ENV='$HOME/.shrc'; export ENV") != std::string::npos);
    CHECK(file_named(*mksh, "env.sh").find(quote_for_posix_sh("/home/u $x/.mkshrc")) !=
          std::string::npos);
    auto busybox = shell_startup("/bin/busybox", venv, "bin", folder, user);
    REQUIRE(busybox);
    CHECK(busybox->arguments == std::vector<std::string>{"sh", "-i"});
}

TEST_CASE("shell startup: xonsh loads the user's rc files, then the venv") {
    auto xonsh = shell_startup("/usr/bin/xonsh", venv, "bin", folder, user);
    REQUIRE(xonsh);
    CHECK(xonsh->arguments == std::vector<std::string>{"-i", "--rc", folder + "/rc.xsh"});
    const std::string rc = file_named(*xonsh, "rc.xsh");
    CHECK(rc.find("$XONSHRC") <
          rc.find("source @(" + quote_for_python(venv + "/bin/activate.xsh")));
}

TEST_CASE("shell startup: a shell it does not know gets nothing (the caller uses /bin/sh)") {
    CHECK_FALSE(shell_startup("/usr/bin/elvish", venv, "bin", folder, user));
    CHECK_FALSE(shell_startup("/usr/bin/pwsh", venv, "bin", folder, user));
    CHECK_FALSE(shell_startup("", venv, "bin", folder, user));
}

TEST_CASE("completion: `shell` is a command that completes a folder") {
    CLI::App app;
    GlobalOptions options;
    std::vector<Command> commands = build_command_line(app, options);
    std::vector<CompletionCommand> model = completion_model(app);
    auto shell = std::find_if(model.begin(), model.end(), [](const CompletionCommand& command) {
        return command.path == std::vector<std::string>{"shell"};
    });
    REQUIRE(shell != model.end());
    CHECK(shell->arguments == ArgumentKind::Directory);
}
