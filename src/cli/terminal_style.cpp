// Colour and bold on a terminal, never with NO_COLOR.
#include "cli/terminal_style.hpp"

#include "util/output.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <unistd.h>

namespace cppvenv {

std::string styled_for_stdout(std::string_view text, Tone tone) {
    static const bool colour = colour_wanted(::isatty(STDOUT_FILENO) != 0);
    if (!colour) {
        return std::string(text);
    }
    switch (tone) {
    case Tone::Good:
        return fmt::format(fmt::fg(fmt::terminal_color::green), "{}", text);
    case Tone::Bad:
        return fmt::format(fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold, "{}", text);
    case Tone::Strong:
        return fmt::format(fmt::emphasis::bold, "{}", text);
    }
    return std::string(text);
}

std::string human_size(unsigned long long bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    size_t unit = 0;
    while (value >= 1024 && unit + 1 < sizeof units / sizeof units[0]) {
        value /= 1024;
        ++unit;
    }
    return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, units[unit]);
}

} // namespace cppvenv
