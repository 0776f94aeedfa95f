#pragma once
// Platform: the one notion of which system's rules a path, a venv layout or a
// search follows, and host_platform(): the system this binary was built for.
//
// Production code asks host_platform(); only tests (and the plan, which is
// pure) take the other platform, passed explicitly, so that a Windows layout is
// tested on Linux without a Windows build ever picking the POSIX one.

namespace cppvenv {

enum class Platform { Posix, Windows };

constexpr Platform host_platform() {
#ifdef _WIN32
    return Platform::Windows;
#else
    return Platform::Posix;
#endif
}

// What separates the folders of PATH (and PYTHONPATH, PATHEXT...).
constexpr char path_list_separator(Platform platform) {
    return platform == Platform::Windows ? ';' : ':';
}

// The folder of a venv that holds its interpreter, scripts and activation.
constexpr const char* venv_scripts_dir_name(Platform platform) {
    return platform == Platform::Windows ? "Scripts" : "bin";
}

} // namespace cppvenv
