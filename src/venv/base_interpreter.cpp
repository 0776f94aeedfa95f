// Which interpreter an existing venv runs (see base_interpreter.hpp).
#include "venv/base_interpreter.hpp"

#include "util/file_system.hpp"
#include "util/text.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <optional>
#include <vector>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

bool is_inside(const fs::path& path, const fs::path& dir) {
    const std::string text = path.lexically_normal().string();
    const std::string prefix = dir.lexically_normal().string() + "/";
    return text.compare(0, prefix.size(), prefix) == 0;
}

// Follows the venv's bin/python links until one leads out of the venv.
std::optional<fs::path> linked_base(const fs::path& venv) {
    for (const char* name : {"bin/python", "bin/python3", "bin/pypy3", "Scripts/python.exe"}) {
        fs::path link = venv / name;
        for (int hop = 0; hop < 8; ++hop) {
            boost::system::error_code error;
            if (!fs::is_symlink(link, error)) {
                break;
            }
            fs::path target = fs::read_symlink(link, error);
            if (error) {
                break;
            }
            target = target.is_absolute() ? target : link.parent_path() / target;
            if (!is_inside(target, venv)) {
                return target.lexically_normal();
            }
            link = target;
        }
    }
    return std::nullopt;
}

} // namespace

Platform venv_layout(const fs::path& venv) {
    boost::system::error_code error;
    const bool has_bin = fs::is_directory(venv / "bin", error);
    const bool has_scripts = fs::is_directory(venv / "Scripts", error);
    if (has_scripts && !has_bin) {
        return Platform::Windows; // platform read from the tree
    }
    if (has_bin && !has_scripts) {
        return Platform::Posix; // platform read from the tree
    }
    return host_platform();
}

fs::path venv_scripts_dir(const fs::path& venv) {
    return venv / venv_scripts_dir_name(venv_layout(venv));
}

fs::path base_interpreter(const fs::path& venv, const VenvConfig& config, Platform platform) {
    if (!config.executable.empty()) {
        return config.executable;
    }
    if (std::optional<fs::path> linked = linked_base(venv)) {
        return *linked;
    }
    const fs::path home = config.home;
    std::vector<std::string> names;
    const bool pypy = (config.implementation.empty() ? implementation_from_layout(venv)
                                                     : config.implementation) == "pypy";
    if (platform == Platform::Windows) {
        // python.org's and PyPy's installations: no versioned names.
        names = pypy ? std::vector<std::string>{"pypy3.exe", "pypy.exe", "python.exe"}
                     : std::vector<std::string>{"python.exe"};
    } else {
        if (pypy) {
            names = {"pypy3", "pypy"};
        }
        std::string short_version = config.version.substr(0, config.version.rfind('.'));
        if (!short_version.empty() && short_version.find('.') != std::string::npos) {
            names.push_back("python" + short_version);
        }
        for (const char* name : {"python3", "python", "pypy3", "pypy"}) {
            names.push_back(name);
        }
    }
    for (const std::string& name : names) {
        if (is_executable_file(home / name)) {
            return home / name;
        }
    }
    if (platform == Platform::Windows) {
        return home / names.front();
    }
    return home / (pypy ? "pypy3" : "python3");
}

fs::path venv_python(const fs::path& venv) {
    const std::vector<const char*> names =
        venv_layout(venv) == Platform::Windows
            ? std::vector<const char*>{"Scripts/python.exe"}
            : std::vector<const char*>{"bin/python", "bin/python3"};
    for (const char* name : names) {
        boost::system::error_code error;
        if (fs::symlink_status(venv / name, error).type() != fs::file_not_found) {
            return venv / name;
        }
    }
    return {};
}

std::string implementation_from_layout(const fs::path& venv) {
    boost::system::error_code error;
    for (fs::directory_iterator it(venv / "lib", error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (starts_with(name, "pypy")) {
            return "pypy";
        }
        if (starts_with(name, "python")) {
            return "cpython";
        }
    }
    return "";
}

} // namespace cppvenv
