#pragma once

// Pythons registered in the Windows registry as PEP 514 describes (what the `py`
// launcher lists). Reading the registry is Windows-only
// (windows_registry_reader.cpp); turning what was read into an ordered list is
// plain code, compiled and unit-tested everywhere.

#include <boost/filesystem/path.hpp>
#include <map>
#include <string>
#include <vector>

namespace cppvenv {

// One HKEY_*\Software\Python\<Company>\<Tag> key as read from the registry.
struct RegistryTag {
    std::string hive; // where it was read: "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE (64-bit)", ...
    std::string company;
    std::string tag;
    // The tag key's own values ("SysVersion", "Version", ...) and its InstallPath
    // subkey's: "InstallPath" (the subkey's default value, a folder) and
    // "InstallPath\ExecutablePath".
    std::map<std::string, std::string> values;
};

struct RegisteredPython {
    std::string company; // "PythonCore" for python.org's installer
    std::string tag;     // "3.12", "3.12-32", "3.13t"
    std::string hive;
    boost::filesystem::path executable;
    std::vector<int> version; // from Version, else SysVersion, else a PythonCore tag; may be empty

    std::string name() const { return company + "\\" + tag; }
};

// The registered Pythons in the order the `py` launcher prefers them: PythonCore
// before other companies, newer versions first, at one version the regular
// build before a free-threaded one, then the order read (which is HKCU, then
// HKLM's 64-bit view, then its 32-bit view). Skips the launcher's own
// PyLauncher key, tags without an install path, and a Company\Tag or executable
// already seen (the current user's registration wins over the machine's).
std::vector<RegisteredPython> registered_from_tags(const std::vector<RegistryTag>& tags);

// Reads HKEY_CURRENT_USER, then both views of HKEY_LOCAL_MACHINE, and returns
// registered_from_tags of what is there. Nothing on other systems.
std::vector<RegisteredPython> registered_pythons();

} // namespace cppvenv
