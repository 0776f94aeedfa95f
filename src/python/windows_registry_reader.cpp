// Reads the PEP 514 registrations from the Windows registry; the rest of
// windows_registry.hpp is plain code in windows_registry.cpp.
#ifdef _WIN32

#include "python/windows_registry.hpp"

#include <windows.h>

namespace cppvenv {

namespace {

std::string narrow(const std::wstring& wide) {
    if (wide.empty()) {
        return {};
    }
    const int size = ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()),
                                           nullptr, 0, nullptr, nullptr);
    std::string text(static_cast<size_t>(size), '\0');
    ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), text.data(), size,
                          nullptr, nullptr);
    return text;
}

// An open registry key, closed when it goes out of scope.
class OpenKey {
public:
    OpenKey(HKEY parent, const std::wstring& name, REGSAM view) {
        if (parent == nullptr ||
            ::RegOpenKeyExW(parent, name.c_str(), 0, KEY_READ | view, &key_) != ERROR_SUCCESS) {
            key_ = nullptr;
        }
    }
    OpenKey(const OpenKey&) = delete;
    OpenKey& operator=(const OpenKey&) = delete;
    ~OpenKey() {
        if (key_ != nullptr) {
            ::RegCloseKey(key_);
        }
    }
    HKEY get() const { return key_; }

private:
    HKEY key_ = nullptr;
};

std::vector<std::wstring> subkey_names(HKEY key) {
    std::vector<std::wstring> names;
    for (DWORD index = 0; key != nullptr; ++index) {
        wchar_t name[256];
        DWORD length = 256;
        const LONG result =
            ::RegEnumKeyExW(key, index, name, &length, nullptr, nullptr, nullptr, nullptr);
        if (result == ERROR_MORE_DATA) {
            continue; // a name longer than the registry allows for a key: skip it
        }
        if (result != ERROR_SUCCESS) {
            break;
        }
        names.emplace_back(name, length);
    }
    return names;
}

// A REG_SZ or REG_EXPAND_SZ value (`name` empty: the default value); empty when absent.
std::string string_value(HKEY key, const wchar_t* name) {
    if (key == nullptr) {
        return {};
    }
    DWORD size = 0;
    const DWORD flags = RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ;
    if (::RegGetValueW(key, nullptr, name, flags, nullptr, nullptr, &size) != ERROR_SUCCESS ||
        size < sizeof(wchar_t)) {
        return {};
    }
    std::wstring text(size / sizeof(wchar_t), L'\0');
    if (::RegGetValueW(key, nullptr, name, flags, nullptr, text.data(), &size) != ERROR_SUCCESS) {
        return {};
    }
    text.resize(wcsnlen(text.c_str(), text.size()));
    return narrow(text);
}

void read_hive(HKEY root, REGSAM view, const std::string& hive, std::vector<RegistryTag>& tags) {
    OpenKey python(root, L"Software\\Python", view);
    for (const std::wstring& company : subkey_names(python.get())) {
        OpenKey company_key(python.get(), company, view);
        for (const std::wstring& tag_name : subkey_names(company_key.get())) {
            OpenKey tag_key(company_key.get(), tag_name, view);
            OpenKey install_key(tag_key.get(), L"InstallPath", view);
            RegistryTag tag{hive, narrow(company), narrow(tag_name), {}};
            const std::pair<std::string, std::string> values[] = {
                {"Version", string_value(tag_key.get(), L"Version")},
                {"SysVersion", string_value(tag_key.get(), L"SysVersion")},
                {"InstallPath", string_value(install_key.get(), L"")},
                {"InstallPath\\ExecutablePath", string_value(install_key.get(), L"ExecutablePath")},
            };
            for (const auto& [name, value] : values) {
                if (!value.empty()) {
                    tag.values[name] = value;
                }
            }
            tags.push_back(std::move(tag));
        }
    }
}

} // namespace

std::vector<RegisteredPython> registered_pythons() {
    std::vector<RegistryTag> tags;
    // HKCU\Software is shared by both views: read once.
    read_hive(HKEY_CURRENT_USER, 0, "HKEY_CURRENT_USER", tags);
    read_hive(HKEY_LOCAL_MACHINE, KEY_WOW64_64KEY, "HKEY_LOCAL_MACHINE (64-bit)", tags);
    read_hive(HKEY_LOCAL_MACHINE, KEY_WOW64_32KEY, "HKEY_LOCAL_MACHINE (32-bit)", tags);
    return registered_from_tags(tags);
}

} // namespace cppvenv

#endif // _WIN32
