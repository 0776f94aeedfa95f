// Verbosity and the messages printed on stderr.
#include "util/output.hpp"

#include "util/file_system.hpp"
#include "util/platform.hpp"

#include <cstdio>
#include <fmt/color.h>
#include <fmt/format.h>

namespace cppvenv {

namespace {
int current_verbosity = 0;

bool colour_on_stderr() {
    return platform::standard_error_is_terminal() && !environment_variable("NO_COLOR").has_value();
}
} // namespace

void set_verbosity(int level) {
    current_verbosity = level;
}
int verbosity() {
    return current_verbosity;
}

void print_verbose(std::string_view message) {
    if (current_verbosity > 0) {
        fmt::print(stderr, "cppvenv: {}\n", message);
    }
}

void print_error(std::string_view message) {
    if (colour_on_stderr()) {
        fmt::print(stderr, "cppvenv: {} {}\n",
                   fmt::styled("error:", fmt::emphasis::bold | fmt::fg(fmt::color::red)), message);
    } else {
        fmt::print(stderr, "cppvenv: error: {}\n", message);
    }
}

void print_warning(std::string_view message) {
    if (current_verbosity >= 0) {
        fmt::print(stderr, "cppvenv: warning: {}\n", message);
    }
}

std::string running_executable() {
    return platform::running_executable_path().value_or("cppvenv");
}

} // namespace cppvenv
