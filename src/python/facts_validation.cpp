// Checks every InterpreterFacts (fresh or cached) before it is trusted.
#include "python/facts_validation.hpp"

#include <fmt/format.h>

namespace cppvenv {

namespace {

bool is_plain_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." &&
           name.find_first_of("/\\:") == std::string::npos && name.find('\0') == std::string::npos;
}

// "a/b/c" whose every part is a plain name.
bool is_relative_layout_path(const std::string& path) {
    std::string::size_type start = 0;
    for (;;) {
        const std::string::size_type end = path.find('/', start);
        if (!is_plain_name(path.substr(start, end - start))) {
            return false;
        }
        if (end == std::string::npos) {
            return true;
        }
        start = end + 1;
    }
}

// An absolute path (POSIX "/…" or Windows "C:\…", "\\server\…") with no "."
// or ".." part.
bool is_normal_absolute_path(const std::string& path) {
    const bool posix = !path.empty() && path[0] == '/';
    const bool windows =
        (path.size() >= 3 && path[1] == ':' && (path[2] == '\\' || path[2] == '/')) ||
        path.rfind("\\\\", 0) == 0;
    if ((!posix && !windows) || path.find('\0') != std::string::npos) {
        return false;
    }
    std::string::size_type start = 0;
    while (start <= path.size()) {
        std::string::size_type end = path.find_first_of(posix ? "/" : "/\\", start);
        if (end == std::string::npos) {
            end = path.size();
        }
        const std::string part = path.substr(start, end - start);
        if (part == "." || part == "..") {
            return false;
        }
        start = end + 1;
    }
    return true;
}

} // namespace

std::optional<std::string> unsafe_fact(const InterpreterFacts& facts) {
    const std::pair<const char*, const std::string*> layout[] = {
        {"scripts_dir", &facts.scripts_dir},
        {"include_dir", &facts.include_dir},
        {"purelib_dir", &facts.purelib_dir},
        {"platlib_dir", &facts.platlib_dir},
    };
    for (const auto& [name, value] : layout) {
        if (!is_relative_layout_path(*value)) {
            return fmt::format("{} '{}' is not a relative path inside the venv", name, *value);
        }
    }
    if (!is_plain_name(facts.platlibdir)) {
        return fmt::format("platlibdir '{}' is not a folder name", facts.platlibdir);
    }
    for (const std::string& name : facts.shared_libraries_beside_executable) {
        if (!is_plain_name(name)) {
            return fmt::format("shared library '{}' is not a file name", name);
        }
    }
    for (const std::vector<std::string>* names :
         {&facts.windows.venv_launchers, &facts.windows.executable_files}) {
        for (const std::string& name : *names) {
            if (!is_plain_name(name)) {
                return fmt::format("'{}' is not a file name", name);
            }
        }
    }
    for (const BundledWheel& wheel : facts.ensurepip_wheels) {
        if (!is_plain_name(wheel.project) || !is_normal_absolute_path(wheel.path)) {
            return fmt::format("bundled wheel '{}' at '{}' is not a normal absolute path",
                               wheel.project, wheel.path);
        }
    }
    for (const std::string* path : {&facts.executable, &facts.real_executable}) {
        if (!is_normal_absolute_path(*path)) {
            return fmt::format("executable '{}' is not a normal absolute path", *path);
        }
    }
    return std::nullopt;
}

} // namespace cppvenv
