#pragma once
// Verbosity and the messages printed on stderr.

#include <optional>
#include <string>
#include <string_view>

namespace cppvenv {

// -q / default / -v, set once by main().
void set_verbosity(int level);
int verbosity();

// Writes `text` to stderr as it is. A stderr that cannot be written (closed, or
// a pipe whose reader has gone: `cppvenv -v create env 2>&1 | head`) is no
// error: nobody is left to tell, and the command goes on.
void print_to_stderr(std::string_view text);

// A step explained on stderr under -v.
void print_verbose(std::string_view message);

// Whether output is coloured. The first that applies decides:
//   1. cppvenv's own setting: --color, else CPPVENV_COLOR or the config files'
//      `color` (always or never; auto goes on);
//   2. NO_COLOR set and not empty: never (no-color.org);
//   3. FORCE_COLOR set and not empty, or CLICOLOR_FORCE set, not empty and not
//      "0": always (force-color.org, bixense.com/clicolors);
//   4. TERM=dumb: never;
//   5. otherwise colour when the stream is a terminal.
enum class ColourMode { Auto, Always, Never };
void set_colour_mode(ColourMode mode); // set once by main()

// The environment variables the decision reads (std::nullopt: unset).
struct ColourEnvironment {
    std::optional<std::string> no_color;
    std::optional<std::string> force_color;
    std::optional<std::string> clicolor_force;
    std::optional<std::string> term;
};
ColourEnvironment colour_environment(); // this process's

// Pure: the decision above.
bool decide_colour(ColourMode mode, const ColourEnvironment& environment, bool stream_is_terminal);
// Whether to colour a stream that is (or is not) a terminal, in this process.
bool colour_wanted(bool stream_is_terminal);

// The one palette, 16 colours (bold and the 8 standard foregrounds), so the
// user's terminal theme decides how each looks.
enum class Tone { ErrorLabel, WarningLabel, Good, Bad, Strong };
// `text` between Tone's escape sequence and the reset, always.
std::string painted(std::string_view text, Tone tone);

// "cppvenv: error: MESSAGE" on stderr, the label coloured when colour_wanted.
void print_error(std::string_view message);

// `text` safe to print to a terminal: control characters (C0, DEL, C1) and
// bytes that are not UTF-8 become \xNN (\u0080-style for C1), so a folder
// name or a pyvenv.cfg value can never send escape sequences to the terminal.
std::string visible(std::string_view text);

// "cppvenv: warning: MESSAGE" on stderr, unless -q; the label coloured as errors are.
void print_warning(std::string_view message);

// The path of the running cppvenv binary (for pyvenv.cfg's `command`).
std::string running_executable();

} // namespace cppvenv
