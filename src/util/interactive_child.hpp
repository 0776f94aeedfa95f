#pragma once

#include <boost/filesystem/path.hpp>
#include <string>
#include <vector>

namespace cppvenv {

// Runs `program` (argv[0] = `arguments`[0]) with exactly `environment`
// ("NAME=value" lines) on our terminal and waits for it, as system() does: while
// it runs, Ctrl-C and Ctrl-\ are the child's alone, and a SIGHUP or SIGTERM sent
// to cppvenv is passed on to it, so the caller always gets to clean up. Gives the
// terminal back to our process group afterwards. Returns the child's exit status,
// or 128 + the signal that ended it. Throws Error when it cannot start.
// POSIX only: on Windows it throws Error.
int run_interactive_child(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments,
                          const std::vector<std::string>& environment);

} // namespace cppvenv
