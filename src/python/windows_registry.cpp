// Pythons registered in the Windows registry (PEP 514), as plain data.
#include "python/windows_registry.hpp"

#include "python/windows_discovery.hpp"

#include <algorithm>
#include <cctype>

namespace cppvenv {

namespace {

std::string value_of(const RegistryTag& tag, const std::string& name) {
    auto found = tag.values.find(name);
    return found == tag.values.end() ? std::string() : found->second;
}

std::vector<int> version_of(const RegistryTag& tag) {
    for (const char* name : {"Version", "SysVersion"}) {
        std::vector<int> version = leading_version_numbers(value_of(tag, name));
        if (!version.empty()) {
            return version;
        }
    }
    // PEP 514 leaves other companies' tags free-form; PythonCore's are versions.
    return tag.company == "PythonCore" ? leading_version_numbers(tag.tag) : std::vector<int>{};
}

// A folder and a file name joined with a backslash: these are Windows paths
// even when a unit test reads them on Linux.
std::string join_windows(const std::string& folder, const std::string& name) {
    if (folder.empty() || folder.back() == '\\' || folder.back() == '/') {
        return folder + name;
    }
    return folder + "\\" + name;
}

std::string folded(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_free_threaded_tag(const std::string& tag) {
    return !tag.empty() && (tag.back() == 't' || tag.find("t-") != std::string::npos);
}

} // namespace

std::vector<RegisteredPython> registered_from_tags(const std::vector<RegistryTag>& tags) {
    std::vector<RegisteredPython> found;
    for (const RegistryTag& tag : tags) {
        if (tag.company.empty() || tag.tag.empty() || folded(tag.company) == "pylauncher") {
            continue;
        }
        std::string executable = value_of(tag, "InstallPath\\ExecutablePath");
        if (executable.empty()) {
            const std::string install_path = value_of(tag, "InstallPath");
            if (install_path.empty()) {
                continue; // not runnable: PEP 514 makes InstallPath the one required key
            }
            executable = join_windows(install_path, "python.exe");
        }
        const bool seen = std::any_of(found.begin(), found.end(), [&](const RegisteredPython& p) {
            return (folded(p.company) == folded(tag.company) && folded(p.tag) == folded(tag.tag)) ||
                   folded(p.executable.string()) == folded(executable);
        });
        if (!seen) {
            found.push_back({tag.company, tag.tag, tag.hive, executable, version_of(tag)});
        }
    }
    // Stable: at equal keys the order read (HKCU, HKLM 64-bit, HKLM 32-bit) stays.
    std::stable_sort(found.begin(), found.end(),
                     [](const RegisteredPython& a, const RegisteredPython& b) {
                         const bool a_core = a.company == "PythonCore";
                         const bool b_core = b.company == "PythonCore";
                         if (a_core != b_core) {
                             return a_core;
                         }
                         if (a.version != b.version) {
                             return a.version > b.version; // newest first; unknown last
                         }
                         return !is_free_threaded_tag(a.tag) && is_free_threaded_tag(b.tag);
                     });
    return found;
}

#ifndef _WIN32
std::vector<RegisteredPython> registered_pythons() {
    return {};
}
#endif

} // namespace cppvenv
