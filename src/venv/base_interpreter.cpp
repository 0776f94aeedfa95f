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
    for (const char* name : {"bin/python", "bin/python3", "bin/pypy3"}) {
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

fs::path base_interpreter(const fs::path& venv, const VenvConfig& config) {
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
    if (pypy) {
        names = {"pypy3", "pypy"};
    }
    std::string short_version = config.version.substr(0, config.version.rfind('.'));
    if (!short_version.empty() && short_version.find('.') != std::string::npos) {
        names.push_back("python" + short_version);
    }
    for (const char* name : {"python3", "python", "pypy3", "pypy", "python.exe"}) {
        names.push_back(name);
    }
    for (const std::string& name : names) {
        if (is_executable_file(home / name)) {
            return home / name;
        }
    }
    return home / (pypy ? "pypy3" : "python3");
}

fs::path venv_python(const fs::path& venv) {
    for (const char* name : {"bin/python", "bin/python3", "Scripts/python.exe"}) {
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
