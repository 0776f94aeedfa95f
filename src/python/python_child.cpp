// How every Python child is started: isolated, with a timeout and an output cap.
#include "python/python_child.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace cppvenv {

ProcessOptions python_child_options(const boost::filesystem::path& working_directory,
                                    OutputHandling output, std::chrono::milliseconds timeout) {
    ProcessOptions options;
    options.output = output;
    options.working_directory = working_directory;
    options.unset_variable_prefixes = {"PYTHON"};
    options.unset_variables = {"__PYVENV_LAUNCHER__"};
    options.timeout = timeout;
    return options;
}

std::chrono::milliseconds inspection_timeout() {
    const std::optional<std::string> text = environment_variable("CPPVENV_INTERPRETER_TIMEOUT");
    if (!text || text->empty()) {
        return std::chrono::seconds(30);
    }
    char* end = nullptr;
    const double seconds = std::strtod(text->c_str(), &end);
    if (end == text->c_str() || *end != '\0' || !(seconds > 0) || seconds > 86400) {
        throw Error(fmt::format("CPPVENV_INTERPRETER_TIMEOUT must be a number of seconds, not '{}'",
                                *text));
    }
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

} // namespace cppvenv
