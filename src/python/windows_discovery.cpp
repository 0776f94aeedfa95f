// Windows discovery rules (.exe names, pyenv-win, registry), as plain testable code.
#include "python/windows_discovery.hpp"

#include <algorithm>
#include <cctype>

namespace cppvenv {
namespace fs = boost::filesystem;

std::vector<int> leading_version_numbers(const std::string& text) {
    std::vector<int> numbers;
    size_t position = 0;
    while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
        int number = 0;
        size_t end = position;
        for (; end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])); ++end) {
            if (number < 100000) {
                number = number * 10 + (text[end] - '0');
            }
        }
        numbers.push_back(number);
        if (end + 1 >= text.size() || text[end] != '.') {
            break;
        }
        position = end + 1;
    }
    return numbers;
}

bool version_starts_with(const std::vector<int>& have, const std::vector<int>& wanted) {
    return wanted.size() <= have.size() && std::equal(wanted.begin(), wanted.end(), have.begin());
}

namespace {

bool ends_with_exe(const std::string& name) {
    const std::string exe = ".exe";
    if (name.size() <= exe.size()) {
        return false;
    }
    for (size_t i = 0; i < exe.size(); ++i) {
        const char c = name[name.size() - exe.size() + i];
        if (std::tolower(static_cast<unsigned char>(c)) != exe[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string windows_executable_name(const std::string& name) {
    return ends_with_exe(name) ? name : name + ".exe";
}

std::optional<std::vector<int>> python_command_version(const std::string& name) {
    const std::string text = ends_with_exe(name) ? name.substr(0, name.size() - 4) : name;
    const std::string prefix = "python";
    if (text.compare(0, prefix.size(), prefix) != 0) {
        return std::nullopt;
    }
    const std::string version_text = text.substr(prefix.size());
    std::vector<int> version = leading_version_numbers(version_text);
    // Only digits and dots may follow: "python3.13t" is a free-threaded name.
    std::string rebuilt;
    for (size_t i = 0; i < version.size(); ++i) {
        rebuilt += (i == 0 ? "" : ".") + std::to_string(version[i]);
    }
    if (rebuilt != version_text || version.size() > 2) {
        return std::nullopt;
    }
    return version;
}

std::vector<fs::path> registered_for_command(const std::string& name,
                                             const std::vector<RegisteredPython>& registered) {
    std::vector<fs::path> found;
    if (std::optional<std::vector<int>> wanted = python_command_version(name)) {
        for (const RegisteredPython& python : registered) {
            if (version_starts_with(python.version, *wanted)) {
                found.push_back(python.executable);
            }
        }
    }
    return found;
}

std::vector<fs::path> pyenv_win_executables(const fs::path& folder, const std::string& version,
                                            const std::string& name) {
    std::vector<fs::path> found = {folder / windows_executable_name(name)};
    std::optional<std::vector<int>> wanted = python_command_version(name);
    if (wanted && version_starts_with(leading_version_numbers(version), *wanted)) {
        found.push_back(folder / "python.exe");
    }
    return found;
}

} // namespace cppvenv
