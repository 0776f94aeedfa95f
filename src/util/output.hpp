#pragma once
// Verbosity and the messages printed on stderr.

#include <string>
#include <string_view>

namespace cppvenv {

// -q / default / -v, set once by main().
void set_verbosity(int level);
int verbosity();

// A step explained on stderr under -v.
void print_verbose(std::string_view message);

// "cppvenv: error: MESSAGE" on stderr, "error" in red on a terminal without NO_COLOR.
void print_error(std::string_view message);

// "cppvenv: warning: MESSAGE" on stderr, unless -q.
void print_warning(std::string_view message);

// The path of the running cppvenv binary (for pyvenv.cfg's `command`).
std::string running_executable();

} // namespace cppvenv
