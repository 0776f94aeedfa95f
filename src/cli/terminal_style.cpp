// Colour and bold on stdout, as colour_wanted decides (util/output.hpp).
#include "cli/terminal_style.hpp"

#include "util/output.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace cppvenv {

std::string styled_for_stdout(std::string_view text, Tone tone) {
    static const bool colour = colour_wanted(::isatty(STDOUT_FILENO) != 0);
    return colour ? painted(text, tone) : std::string(text);
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
