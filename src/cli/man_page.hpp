#pragma once
// cppvenv.1: the manual page, rendered as roff from the same CLI11 app that
// prints --help, so the two cannot disagree.

#include <CLI/App.hpp>
#include <string>

namespace cppvenv {

// The whole page (man(7) macros) for `root` built by build_command_line:
// synopsis, global options, one section per (sub)command with its usage,
// arguments, options and the footer text of its --help (examples included),
// the CPPVENV_* variables from the settings table, and exit status.
std::string man_page(const CLI::App& root);

// `text` safe in a roff text line: backslashes as \e, '-' as \-, and a leading
// '.' or '\'' escaped so it is not taken for a request.
std::string roff_escaped(const std::string& text);

} // namespace cppvenv
