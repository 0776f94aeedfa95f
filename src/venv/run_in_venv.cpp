// Runs a command with a venv's bin folder and VIRTUAL_ENV set.
#include "venv/run_in_venv.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "util/text.hpp"
#include "venv/base_interpreter.hpp"
#include "venv/venv_info.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

extern char** environ;

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// The key of `environment` that is variable `name`: on Windows the first one
// that differs only in case, as the system reads them.
std::string variable_key(const std::map<std::string, std::string>& environment,
                         const std::string& name, Platform platform) {
    if (platform == Platform::Windows) {
        for (const auto& entry : environment) {
            if (lowercase(entry.first) == lowercase(name)) {
                return entry.first;
            }
        }
    }
    return name;
}

} // namespace

std::map<std::string, std::string>
activated_environment(std::map<std::string, std::string> environment, const fs::path& venv,
                      const std::string& bin_dir_name, const std::string& prompt,
                      Platform platform) {
    for (const char* name : {"PYTHONHOME", "VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT"}) {
        environment.erase(variable_key(environment, name, platform));
    }
    environment["VIRTUAL_ENV"] = venv.string();
    environment["VIRTUAL_ENV_PROMPT"] = prompt;
    const std::string bin = (venv / bin_dir_name).string();
    const std::string path_key = variable_key(environment, "PATH", platform);
    auto path = environment.find(path_key);
    environment[path_key] = (path == environment.end() || path->second.empty())
                                ? bin
                                : bin + path_list_separator(platform) + path->second;
    if (platform == Platform::Windows) {
        // cmd draws %PROMPT% (in which $ is an escape: $$ is one $), so a cmd
        // started in the venv shows "(prompt) " as after activate.bat.
        std::string shown;
        for (const char c : prompt) {
            shown += c == '$' ? std::string("$$") : std::string(1, c);
        }
        const std::string prompt_key = variable_key(environment, "PROMPT", platform);
        auto old_prompt = environment.find(prompt_key);
        environment[prompt_key] =
            "(" + shown + ") " +
            (old_prompt == environment.end() || old_prompt->second.empty() ? std::string("$P$G")
                                                                           : old_prompt->second);
    }
    return environment;
}

bool names_a_path(const std::string& command, Platform platform) {
    if (platform == Platform::Windows) {
        return command.find_first_of("/\\") != std::string::npos ||
               (command.size() >= 2 && command[1] == ':');
    }
    return command.find('/') != std::string::npos;
}

std::optional<fs::path> find_program(const std::string& command, const std::string& path_variable,
                                     Platform platform) {
    if (names_a_path(command, platform)) {
        return fs::path(command);
    }
    std::vector<std::string> names = {command};
    const std::string lower = lowercase(command);
    if (platform == Platform::Windows && !ends_with(lower, ".exe") && !ends_with(lower, ".com")) {
        // What a process can be started from; a .bat or .cmd needs cmd.exe.
        names = {command + ".exe", command + ".com"};
    }
    std::string::size_type start = 0;
    while (start <= path_variable.size()) {
        std::string::size_type end = path_variable.find(path_list_separator(platform), start);
        if (end == std::string::npos) {
            end = path_variable.size();
        }
        std::string dir = path_variable.substr(start, end - start);
        start = end + 1;
        if (dir.empty() && platform == Platform::Windows) {
            continue;
        }
        for (const std::string& name : names) {
            fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
            if (is_executable_file(candidate)) {
                return candidate;
            }
        }
    }
    return std::nullopt;
}

namespace {

std::map<std::string, std::string> current_environment() {
    std::map<std::string, std::string> environment;
    for (char** entry = environ; *entry; ++entry) {
        std::string text(*entry);
        std::string::size_type equals = text.find('=');
        if (equals != std::string::npos) {
            environment.emplace(text.substr(0, equals), text.substr(equals + 1));
        }
    }
    return environment;
}

} // namespace

int exec_in_venv(const fs::path& given, const std::vector<std::string>& command) {
    const fs::path venv = absolute_path(given);
    const VenvConfig config = read_venv_config(venv);
    boost::system::error_code error;
    const std::string bin_dir_name = venv_scripts_dir(venv).filename().string();
    const std::map<std::string, std::string> environment =
        activated_environment(current_environment(), venv, bin_dir_name,
                              config.prompt.value_or(venv.filename().string()));

    std::vector<std::string> arguments = command;
    const bool windows = host_platform() == Platform::Windows;
    if (arguments.empty()) {
        const std::string shell = environment_variable(windows ? "COMSPEC" : "SHELL").value_or("");
        arguments.push_back(!shell.empty() ? shell : windows ? "cmd.exe" : "/bin/sh");
    }
    std::optional<fs::path> program = find_program(
        arguments.front(), environment.at(variable_key(environment, "PATH", host_platform())));
    const fs::path in_venv = venv / bin_dir_name / arguments.front();
    if (!names_a_path(arguments.front()) && fs::is_symlink(in_venv, error)) {
        // A broken link in the venv (its base Python is gone) must not fall
        // through to another python further along PATH.
        program = in_venv;
    }
    if (!program) {
        print_error(fmt::format("{}: command not found (looked on PATH, {} first)",
                                arguments.front(), (venv / bin_dir_name).string()));
        return 127;
    }
    print_verbose(fmt::format("running {} with VIRTUAL_ENV={}", program->string(), venv.string()));

    std::vector<std::string> environment_lines;
    for (const auto& [key, value] : environment) {
        environment_lines.push_back(key + "=" + value);
    }
    std::vector<char*> argv;
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (std::string& line : environment_lines) {
        envp.push_back(line.data());
    }
    envp.push_back(nullptr);
    std::fflush(nullptr);
    platform::replace_process(*program, argv.data(), envp.data());
    const int exec_errno = errno;
    std::string hint;
    boost::system::error_code ignored;
    if (exec_errno == ENOENT && fs::is_symlink(*program, ignored)) {
        hint = fmt::format(" (a broken link; `cppvenv check {}` says how to fix the venv)",
                           given.string());
    }
    print_error(
        fmt::format("cannot run {}: {}{}", program->string(), std::strerror(exec_errno), hint));
    return exec_errno == ENOENT ? 127 : 126;
}

} // namespace cppvenv
