#pragma once
// Error and UsageError: the one exception type carrying a message for the user.

#include <stdexcept>
#include <string>

namespace cppvenv {

// The one exception type that carries a message meant for the user. It is caught
// once in main() and printed as "cppvenv: error: MESSAGE".
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A mistake in how the command was called (exit code 2, as argparse uses).
class UsageError : public Error {
public:
    using Error::Error;
};

} // namespace cppvenv
