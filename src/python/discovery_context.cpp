// DiscoveryContext::from_environment: the one part of discovery that reads the
// environment (and, on Windows, the registry); the rest is in discovery.cpp.
#include "python/discovery.hpp"
#include "util/file_system.hpp"

#include <boost/filesystem/operations.hpp>

namespace cppvenv {
namespace fs = boost::filesystem;

DiscoveryContext DiscoveryContext::from_environment() {
    DiscoveryContext context;
    context.platform = host_platform();
    const bool windows = context.platform == Platform::Windows;
    std::string path_variable = environment_variable("PATH").value_or("");
    std::string::size_type start = 0;
    while (start <= path_variable.size()) {
        std::string::size_type end =
            path_variable.find(path_list_separator(context.platform), start);
        if (end == std::string::npos) {
            end = path_variable.size();
        }
        std::string entry = path_variable.substr(start, end - start);
        // An empty or relative PATH entry would search the current folder, which
        // a cloned repository controls: such entries are skipped (as Go's
        // exec.LookPath refuses them), so an interpreter is never taken from it.
        if (!entry.empty() && fs::path(entry).is_absolute()) {
            context.path_dirs.push_back(entry);
        }
        start = end + 1;
    }
    std::optional<std::string> root = environment_variable("PYENV_ROOT");
    const fs::path default_root =
        windows ? home_directory() / ".pyenv" / "pyenv-win" : home_directory() / ".pyenv";
    context.pyenv_root = (root && !root->empty()) ? fs::path(*root) : default_root;
    context.pyenv_version = environment_variable("PYENV_VERSION");
    context.current_dir = current_directory();
    if (windows) {
        context.registered = registered_pythons();
    } else {
        context.system_dirs = {"/usr/local/bin", "/usr/bin", "/bin"};
    }
    return context;
}

std::vector<std::string> DiscoveryContext::main_interpreters() const {
    if (is_windows()) {
        return {"python.exe", "Scripts/python.exe"};
    }
    return {"bin/python3", "bin/python"};
}

std::string DiscoveryContext::default_command() const {
    return is_windows() ? "python" : "python3";
}

} // namespace cppvenv
