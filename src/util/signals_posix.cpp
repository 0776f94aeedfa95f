// Signals on POSIX (util/platform.hpp): SIGINT, SIGTERM and SIGHUP recorded
// while caught, SIGPIPE survived.
#ifndef _WIN32

#include "util/platform.hpp"

#include <iterator>
#include <signal.h>

namespace cppvenv::platform {

namespace {

volatile sig_atomic_t interrupt_received = 0;

extern "C" void ignore_closed_pipe(int) {}

extern "C" void record_interrupt(int signal_number) {
    if (interrupt_received == 0) {
        interrupt_received = signal_number;
    }
}

constexpr int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP};
// What each of them did before catch_interrupts(), put back by
// restore_interrupts(); only the outermost of nested scopes saves and restores.
struct sigaction actions_before_catching[std::size(interrupt_signals)];
int catching_depth = 0;

} // namespace

void survive_closed_pipes() {
    struct sigaction action {};
    action.sa_handler = ignore_closed_pipe;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGPIPE, &action, nullptr);
}

void catch_interrupts() {
    if (catching_depth++ > 0) {
        return;
    }
    struct sigaction recording {};
    recording.sa_handler = record_interrupt;
    recording.sa_flags = SA_RESTART;
    sigemptyset(&recording.sa_mask);
    for (size_t index = 0; index < std::size(interrupt_signals); ++index) {
        struct sigaction& before = actions_before_catching[index];
        ::sigaction(interrupt_signals[index], nullptr, &before);
        // A signal ignored when cppvenv began stays ignored: nohup's SIGHUP,
        // or the SIGINT a shell without job control ignores for its
        // background commands (so that Ctrl-C stops only the foreground).
        const bool ignored = (before.sa_flags & SA_SIGINFO) == 0 && before.sa_handler == SIG_IGN;
        if (!ignored) {
            ::sigaction(interrupt_signals[index], &recording, nullptr);
        }
    }
}

void restore_interrupts() {
    if (catching_depth == 0 || --catching_depth > 0) {
        return;
    }
    for (size_t index = 0; index < std::size(interrupt_signals); ++index) {
        ::sigaction(interrupt_signals[index], &actions_before_catching[index], nullptr);
    }
}

int received_interrupt() {
    return interrupt_received;
}

} // namespace cppvenv::platform

#endif // !_WIN32
