// SIGINT/SIGTERM/SIGHUP turned into an Interrupted exception at safe points.
#include "util/interrupts.hpp"

#include "util/platform.hpp"

#include <csignal>
#include <fmt/format.h>

namespace cppvenv {

namespace {

// "SIGINT" for SIGINT, and so on.
std::string interrupt_name(int signal_number) {
    switch (signal_number) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
#ifdef SIGHUP
    case SIGHUP:
        return "SIGHUP";
#endif
#ifdef SIGBREAK
    case SIGBREAK:
        return "SIGBREAK";
#endif
    default:
        return "signal " + std::to_string(signal_number);
    }
}

} // namespace

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
                      fmt::format("interrupted by {}{}", interrupt_name(signal_number),
                                  what.empty() ? std::string() : "; " + what));
}

} // namespace cppvenv
