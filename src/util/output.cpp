// Verbosity and the messages printed on stderr.
#include "util/output.hpp"

#include "util/file_system.hpp"
#include "util/platform.hpp"

#include <cstdio>
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

namespace {
bool is_set(const std::optional<std::string>& value) {
    return value && !value->empty();
}
} // namespace

ColourEnvironment colour_environment() {
    return {environment_variable("NO_COLOR"), environment_variable("FORCE_COLOR"),
            environment_variable("CLICOLOR_FORCE"), environment_variable("TERM")};
}

bool decide_colour(ColourMode mode, const ColourEnvironment& environment, bool stream_is_terminal) {
    switch (mode) {
    case ColourMode::Always:
        return true;
    case ColourMode::Never:
        return false;
    case ColourMode::Auto:
        break;
    }
    if (is_set(environment.no_color)) {
        return false;
    }
    if (is_set(environment.force_color) ||
        (is_set(environment.clicolor_force) && *environment.clicolor_force != "0")) {
        return true;
    }
    if (environment.term && *environment.term == "dumb") {
        return false;
    }
    return stream_is_terminal;
}

bool colour_wanted(bool stream_is_terminal) {
    return decide_colour(current_colour_mode, colour_environment(), stream_is_terminal);
}

std::string painted(std::string_view text, Tone tone) {
    // clang-format off
    static constexpr struct { Tone tone; const char* start; } palette[] = {
        {Tone::ErrorLabel,   "\x1b[1;31m"}, // bold red
        {Tone::WarningLabel, "\x1b[1;33m"}, // bold yellow
        {Tone::Good,         "\x1b[32m"},   // green
        {Tone::Bad,          "\x1b[1;31m"}, // bold red
        {Tone::Strong,       "\x1b[1m"},    // bold
    };
    // clang-format on
    for (const auto& entry : palette) {
        if (entry.tone == tone) {
            return fmt::format("{}{}\x1b[0m", entry.start, text);
        }
    }
    return std::string(text);
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

void print_to_stderr(std::string_view text) {
    // fwrite, not fmt::print, which throws when the write fails.
    static_cast<void>(std::fwrite(text.data(), 1, text.size(), stderr));
}

void print_verbose(std::string_view message) {
    if (current_verbosity > 0) {
        print_to_stderr(fmt::format("cppvenv: {}\n", visible(message)));
    }
}

namespace {
// "cppvenv: LABEL: MESSAGE" on stderr, the label painted on a colour terminal.
void print_labelled(std::string_view label, Tone tone, std::string_view message) {
    const std::string shown_label = colour_on_stderr() ? painted(label, tone) : std::string(label);
    print_to_stderr(fmt::format("cppvenv: {} {}\n", shown_label, visible(message)));
}
} // namespace

void print_error(std::string_view message) {
    print_labelled("error:", Tone::ErrorLabel, message);
}

void print_warning(std::string_view message) {
    if (current_verbosity >= 0) {
        print_labelled("warning:", Tone::WarningLabel, message);
    }
}

std::string running_executable() {
    return platform::running_executable_path().value_or("cppvenv");
}

} // namespace cppvenv
