// Gathers what `cppvenv info` shows (see venv_info.hpp).
#include "venv/venv_info.hpp"

#include "util/file_system.hpp"

namespace cppvenv {
namespace fs = boost::filesystem;

VenvInfo read_venv_info(const fs::path& venv) {
    VenvInfo info;
    info.path = absolute_path(venv);
    info.config = read_venv_config(info.path);
    info.implementation = info.config.implementation.empty() ? implementation_from_layout(info.path)
                                                             : info.config.implementation;
    info.base_executable = base_interpreter(info.path, info.config);
    info.base_exists = is_executable_file(info.base_executable);
    info.distributions = installed_distributions(info.path);
    info.size_on_disk = disk_usage(info.path);
    return info;
}

} // namespace cppvenv
