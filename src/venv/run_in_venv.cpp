// Runs a command with a venv's bin folder and VIRTUAL_ENV set.
#include "venv/run_in_venv.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "venv/venv_info.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

extern char** environ;

namespace cppvenv {
namespace fs = boost::filesystem;

std::map<std::string, std::string>
activated_environment(std::map<std::string, std::string> environment, const fs::path& venv,
                      const std::string& bin_dir_name, const std::string& prompt) {
    environment.erase("PYTHONHOME");
    environment["VIRTUAL_ENV"] = venv.string();
    environment["VIRTUAL_ENV_PROMPT"] = prompt;
    const std::string bin = (venv / bin_dir_name).string();
    auto path = environment.find("PATH");
    environment["PATH"] =
        (path == environment.end() || path->second.empty()) ? bin : bin + ":" + path->second;
    return environment;
}

std::optional<fs::path> find_program(const std::string& command, const std::string& path_variable) {
    if (command.find('/') != std::string::npos) {
        return fs::path(command);
    }
    std::string::size_type start = 0;
    while (start <= path_variable.size()) {
        std::string::size_type end = path_variable.find(':', start);
        if (end == std::string::npos) {
            end = path_variable.size();
        }
        std::string dir = path_variable.substr(start, end - start);
        fs::path candidate = fs::path(dir.empty() ? "." : dir) / command;
        if (is_executable_file(candidate)) {
            return candidate;
        }
        start = end + 1;
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
    const std::string bin_dir_name =
        fs::is_directory(venv / "bin", error) || !fs::is_directory(venv / "Scripts", error)
            ? "bin"
            : "Scripts";
    const std::map<std::string, std::string> environment =
        activated_environment(current_environment(), venv, bin_dir_name,
                              config.prompt.value_or(venv.filename().string()));

    std::vector<std::string> arguments = command;
    if (arguments.empty()) {
        std::string shell = environment_variable("SHELL").value_or("");
        arguments.push_back(shell.empty() ? "/bin/sh" : shell);
    }
    std::optional<fs::path> program = find_program(arguments.front(), environment.at("PATH"));
    const fs::path in_venv = venv / bin_dir_name / arguments.front();
    if (arguments.front().find('/') == std::string::npos && fs::is_symlink(in_venv, error)) {
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
