// SIGINT/SIGTERM/SIGHUP turned into an Interrupted exception at safe points.
#include "util/interrupts.hpp"

#include "util/platform.hpp"

#include <fmt/format.h>

namespace cppvenv {

InterruptScope::InterruptScope() {
    platform::catch_interrupts();
}

InterruptScope::~InterruptScope() {
    platform::restore_interrupts();
}

void throw_if_interrupted(const std::string& what) {
    const int signal_number = platform::received_interrupt();
    if (signal_number == 0) {
        return;
    }
    throw Interrupted(signal_number,
                      fmt::format("interrupted by {}{}", platform::interrupt_name(signal_number),
                                  what.empty() ? std::string() : "; " + what));
}

} // namespace cppvenv
