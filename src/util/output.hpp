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

// Whether output is coloured: auto (a terminal, without NO_COLOR), always, never.
enum class ColourMode { Auto, Always, Never };
void set_colour_mode(ColourMode mode); // set once by main()
// Whether to colour a stream that is (or is not) a terminal.
bool colour_wanted(bool stream_is_terminal);

// "cppvenv: error: MESSAGE" on stderr, "error" in red on a terminal without NO_COLOR.
void print_error(std::string_view message);

// `text` safe to print to a terminal: control characters (C0, DEL, C1) and
// bytes that are not UTF-8 become \xNN (\u0080-style for C1), so a folder
// name or a pyvenv.cfg value can never send escape sequences to the terminal.
std::string visible(std::string_view text);

// "cppvenv: warning: MESSAGE" on stderr, unless -q.
void print_warning(std::string_view message);

// The path of the running cppvenv binary (for pyvenv.cfg's `command`).
std::string running_executable();

} // namespace cppvenv
