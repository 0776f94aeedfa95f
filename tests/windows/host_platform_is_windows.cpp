// Compiled (syntax only) by check_windows_compile.sh for a Windows target: a
// Windows build takes the Windows rules everywhere it asks host_platform().
#include "util/host_platform.hpp"
#include "venv/create_options.hpp"

#ifndef _WIN32
#error "this check is compiled for Windows only"
#endif

using namespace cppvenv;

static_assert(host_platform() == Platform::Windows, "a Windows build must plan Windows venvs");
static_assert(path_list_separator(host_platform()) == ';', "PATH is split on ';' on Windows");
static_assert(venv_scripts_dir_name(host_platform())[0] == 'S', "a Windows venv has Scripts\\");

// CPython's venv copies on Windows unless --symlinks is given.
bool default_link_mode_is_copies() {
    return CreateOptions{}.link_mode == LinkMode::Copies;
}
