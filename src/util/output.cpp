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
ColourMode current_colour_mode = ColourMode::Auto;

bool colour_on_stderr() {
    return colour_wanted(platform::standard_error_is_terminal());
}
} // namespace

void set_colour_mode(ColourMode mode) {
    current_colour_mode = mode;
}

bool colour_wanted(bool stream_is_terminal) {
    switch (current_colour_mode) {
    case ColourMode::Always:
        return true;
    case ColourMode::Never:
        return false;
    case ColourMode::Auto:
        break;
    }
    return stream_is_terminal && !environment_variable("NO_COLOR").has_value();
}

void set_verbosity(int level) {
    current_verbosity = level;
}
int verbosity() {
    return current_verbosity;
}

// The length of the valid UTF-8 sequence at the start of `text`, or 0.
std::size_t utf8_sequence_length(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || length > text.size() || (length == 2 && lead < 0xC2)) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
    }
    if ((length == 3 && lead == 0xE0 && byte(1) < 0xA0) ||
        (length == 3 && lead == 0xED && byte(1) >= 0xA0) ||
        (length == 4 && lead == 0xF0 && byte(1) < 0x90) || (length == 4 && lead > 0xF4) ||
        (length == 4 && lead == 0xF4 && byte(1) >= 0x90)) {
        return 0; // overlong, surrogate or beyond U+10FFFF
    }
    return length;
}

std::string visible(std::string_view text) {
    std::string shown;
    shown.reserve(text.size());
    while (!text.empty()) {
        const std::size_t length = utf8_sequence_length(text);
        const auto lead = static_cast<unsigned char>(text[0]);
        if (length == 0) {
            shown += fmt::format("\\x{:02x}", lead);
            text.remove_prefix(1);
            continue;
        }
        if (length == 1 && (lead < 0x20 || lead == 0x7F)) {
            shown += fmt::format("\\x{:02x}", lead);
        } else if (length == 2 && lead == 0xC2 && static_cast<unsigned char>(text[1]) < 0xA0) {
            shown += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[1]));
        } else {
            shown.append(text.substr(0, length));
        }
        text.remove_prefix(length);
    }
    return shown;
}

void print_verbose(std::string_view message) {
    if (current_verbosity > 0) {
        fmt::print(stderr, "cppvenv: {}\n", visible(message));
    }
}

void print_error(std::string_view message) {
    if (colour_on_stderr()) {
        fmt::print(stderr, "cppvenv: {} {}\n",
                   fmt::styled("error:", fmt::emphasis::bold | fmt::fg(fmt::color::red)),
                   visible(message));
    } else {
        fmt::print(stderr, "cppvenv: error: {}\n", visible(message));
    }
}

void print_warning(std::string_view message) {
    if (current_verbosity >= 0) {
        fmt::print(stderr, "cppvenv: warning: {}\n", visible(message));
    }
}

std::string running_executable() {
    return platform::running_executable_path().value_or("cppvenv");
}

} // namespace cppvenv
