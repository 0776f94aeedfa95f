#include "venv/shell_session.hpp"

#include "activation/shell_startup.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/interactive_child.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "venv/base_interpreter.hpp"
#include "venv/run_in_venv.hpp"
#include "venv/venv_info.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <map>

extern char** environ;

namespace cppvenv {
namespace fs = boost::filesystem;

fs::path find_default_venv(const fs::path& start) {
    const fs::path folder = absolute_path(start);
    boost::system::error_code error;
    for (fs::path candidate = folder; !candidate.empty(); candidate = candidate.parent_path()) {
        if (fs::is_regular_file(candidate / ".venv" / "pyvenv.cfg", error)) {
            return candidate / ".venv";
        }
        if (candidate == candidate.root_path()) {
            break;
        }
    }
    throw Error(fmt::format("no venv named and no .venv in {} or its parents; create one with "
                            "`cppvenv create .venv`, or name one: `cppvenv shell ENV_DIR`",
                            folder.string()));
}

#ifdef _WIN32

int run_venv_shell(const std::optional<fs::path>& env_dir) {
    return exec_in_venv(env_dir ? *env_dir : find_default_venv(fs::current_path()), {});
}

#else

namespace {

void print_note(const std::string& message) {
    if (verbosity() >= 0) {
        print_to_stderr(fmt::format("cppvenv: note: {}\n", message));
    }
}

// A folder only this user can enter, removed (through the fd-relative tree
// walker, never following a link) when the session ends. Its path holds only
// plain characters: sh expands $ENV, so it must not hold `$` or backquotes.
class PrivateFolder {
public:
    PrivateFolder() {
        std::string base = environment_variable("TMPDIR").value_or("");
        if (base.empty() || base.front() != '/' ||
            base.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789_./-") != std::string::npos) {
            base = "/tmp";
        }
        std::string pattern = (fs::path(base) / "cppvenv-shell.XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw_system_error("cannot make a private folder in", base);
        }
        path_ = pattern;
    }
    PrivateFolder(const PrivateFolder&) = delete;
    PrivateFolder& operator=(const PrivateFolder&) = delete;
    ~PrivateFolder() {
        platform::OpenDirectory parent(
            platform::open_directory(path_.parent_path(), platform::FinalSymlink::Follow));
        if (!parent || platform::remove_tree_at(parent.get(), path_.filename().string()) != 0) {
            print_warning(
                fmt::format("could not remove {}: {}", path_.string(), std::strerror(errno)));
        }
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void warn_when_nested(const fs::path& venv) {
    const std::string active = environment_variable("VIRTUAL_ENV").value_or("");
    if (active.empty()) {
        return;
    }
    boost::system::error_code error;
    if (fs::equivalent(fs::path(active), venv, error)) {
        print_warning(fmt::format("this venv is already active (VIRTUAL_ENV={}); starting a "
                                  "shell inside that shell (`exit` returns to it)",
                                  active));
    } else {
        print_warning(fmt::format("another venv is active (VIRTUAL_ENV={}); the new shell "
                                  "activates {} over it (`exit` returns to it)",
                                  active, venv.string()));
    }
}

// $SHELL as a program to run, or std::nullopt (with a note) when it is unset or
// not found.
std::optional<fs::path> user_shell() {
    const std::string shell = environment_variable("SHELL").value_or("");
    if (shell.empty()) {
        print_note("SHELL is not set; starting /bin/sh");
        return std::nullopt;
    }
    std::optional<fs::path> program =
        find_program(shell, environment_variable("PATH").value_or(""));
    if (!program || !is_executable_file(*program)) {
        print_note(fmt::format("SHELL={} is not a program that can run; starting /bin/sh", shell));
        return std::nullopt;
    }
    return program;
}

std::vector<std::string> child_environment(const ShellStartup& startup) {
    std::map<std::string, std::string> environment;
    for (char** entry = environ; *entry; ++entry) {
        const std::string text(*entry);
        const std::string::size_type equals = text.find('=');
        if (equals != std::string::npos) {
            environment.emplace(text.substr(0, equals), text.substr(equals + 1));
        }
    }
    for (const auto& [name, value] : startup.set_variables) {
        environment[name] = value;
    }
    std::vector<std::string> lines;
    for (const auto& [name, value] : environment) {
        lines.push_back(name + "=" + value);
    }
    return lines;
}

} // namespace

int run_venv_shell(const std::optional<fs::path>& env_dir) {
    const fs::path venv = absolute_path(env_dir ? *env_dir : find_default_venv(fs::current_path()));
    read_venv_config(venv); // throws when it is not a venv
    warn_when_nested(venv);

    const UserShellEnvironment user{environment_variable("HOME"), environment_variable("ZDOTDIR"),
                                    environment_variable("ENV")};
    const std::string bin_dir = venv_scripts_dir(venv).filename().string();
    PrivateFolder folder;
    const std::string private_folder = folder.path().string();
    std::optional<fs::path> program = user_shell();
    std::optional<ShellStartup> startup;
    if (program) {
        startup = shell_startup(program->string(), venv.string(), bin_dir, private_folder, user);
        if (!startup) {
            print_note(fmt::format("cppvenv does not know how to activate a venv in {}; "
                                   "starting /bin/sh",
                                   program->string()));
        }
    }
    if (!startup) {
        program = fs::path("/bin/sh");
        startup = shell_startup("/bin/sh", venv.string(), bin_dir, private_folder, user);
    }
    boost::system::error_code error;
    if (!fs::is_regular_file(startup->activation_script, error)) {
        throw Error(fmt::format("cannot activate {} in {}: it has no {}", venv.string(),
                                startup->shell_name, startup->activation_script));
    }
    for (const StartupFile& file : startup->files) {
        write_file_atomically(folder.path() / file.name, file.contents, 0600);
    }
    std::vector<std::string> arguments{program->string()};
    arguments.insert(arguments.end(), startup->arguments.begin(), startup->arguments.end());
    print_verbose(fmt::format("starting {} with {} activated after its start-up files",
                              program->string(), venv.string()));
    return run_interactive_child(*program, arguments, child_environment(*startup));
}

#endif

} // namespace cppvenv
