#pragma once
// Running a child process with a timeout and an output cap.

#include <boost/filesystem/path.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppvenv {

struct ProcessResult {
    int exit_code = 0; // -1 when the process could not start or was killed
    std::string standard_output;
    std::string standard_error;
};

enum class OutputHandling {
    Capture, // collect stdout and stderr into the result
    Inherit, // let the child write to our stdout and stderr
};

// How a child runs. A captured child is bounded: past `timeout` or once it has
// printed more than `output_limit` bytes it is killed and run_process throws.
struct ProcessOptions {
    OutputHandling output = OutputHandling::Capture;
    std::optional<boost::filesystem::path> working_directory; // else ours
    std::vector<std::string> unset_variables;
    std::vector<std::string> unset_variable_prefixes; // e.g. "PYTHON": every PYTHON*
    std::vector<std::pair<std::string, std::string>> set_variables;
    std::chrono::milliseconds timeout{0}; // 0: no limit
    std::size_t output_limit = 16 * 1024 * 1024;
};

// Runs `program` with `arguments` and waits for it. Throws Error when the
// program cannot be started, runs past its timeout or prints past its limit.
ProcessResult run_process(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments, const ProcessOptions& options);
ProcessResult run_process(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments, OutputHandling output);

} // namespace cppvenv
