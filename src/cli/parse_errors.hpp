#pragma once
// What a refused command line is called, in cppvenv's own words.

#include <CLI/App.hpp>
#include <string>
#include <vector>

namespace cppvenv {

// The words of a refused command line, explained: `usage` is a line to print
// before the error (only for a missing command), `message` the one-line error.
struct ParseFailure {
    std::string usage;
    std::string message;
};

// A command line CLI11 refused, explained in one lowercase line: an unknown
// command or option with the likely one (`did you mean: cppvenv create myenv`),
// the flags of venv, virtualenv or uv that cppvenv refuses with what to use
// instead, and each CLI11 error reworded. `arguments` are the words after the
// program name, in order.
ParseFailure describe_parse_error(CLI::App& app, const std::vector<std::string>& arguments,
                                  const CLI::ParseError& error);

} // namespace cppvenv
