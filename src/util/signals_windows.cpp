// Signals on Windows (util/platform.hpp): Ctrl-C (SIGINT), Ctrl-Break
// (SIGBREAK) and SIGTERM recorded while caught.
#ifdef _WIN32

#include "util/platform.hpp"

#include <csignal>
#include <iterator>

namespace cppvenv::platform {

namespace {

volatile sig_atomic_t interrupt_received = 0;

extern "C" void record_interrupt(int signal_number) {
    if (interrupt_received == 0) {
        interrupt_received = signal_number;
    }
    std::signal(signal_number, record_interrupt); // the C runtime resets it
}

constexpr int interrupt_signals[] = {SIGINT, SIGTERM, SIGBREAK};
// What each did before catch_interrupts(), put back by restore_interrupts().
void (*handlers_before_catching[std::size(interrupt_signals)])(int) = {};
int catching_depth = 0;

} // namespace

void survive_closed_pipes() {}

void catch_interrupts() {
    if (catching_depth++ > 0) {
        return;
    }
    for (size_t index = 0; index < std::size(interrupt_signals); ++index) {
        handlers_before_catching[index] = std::signal(interrupt_signals[index], record_interrupt);
        // Ignored when cppvenv began (a console whose Ctrl-C is disabled
        // reaches no handler anyway): stays ignored, as on POSIX.
        if (handlers_before_catching[index] == SIG_IGN) {
            std::signal(interrupt_signals[index], SIG_IGN);
        }
    }
}

void restore_interrupts() {
    if (catching_depth == 0 || --catching_depth > 0) {
        return;
    }
    for (size_t index = 0; index < std::size(interrupt_signals); ++index) {
        if (handlers_before_catching[index] != SIG_ERR) {
            std::signal(interrupt_signals[index], handlers_before_catching[index]);
        }
    }
}

int received_interrupt() {
    return interrupt_received;
}

} // namespace cppvenv::platform

#endif // _WIN32
