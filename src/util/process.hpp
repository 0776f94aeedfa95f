#pragma once

#include <boost/filesystem/path.hpp>
#include <string>
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

// Runs `program` with `arguments` and waits for it. Throws Error only when the
// program cannot be started at all.
ProcessResult run_process(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments, OutputHandling output);

} // namespace cppvenv
