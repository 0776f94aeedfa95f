#pragma once
// SIGINT/SIGTERM/SIGHUP turned into an Interrupted exception at safe points.

#include "util/error.hpp"

#include <string>

namespace cppvenv {

// Thrown at the next check after SIGINT, SIGTERM or SIGHUP arrived while an
// InterruptScope was alive; unwinding removes what was half made, and main()
// exits with 128 + the signal's number (130, 143, 129), as a shell reports it.
class Interrupted : public Error {
public:
    Interrupted(int signal_number, const std::string& message)
        : Error(message), signal_number_(signal_number) {}
    int exit_code() const { return 128 + signal_number_; }

private:
    int signal_number_;
};

// While alive, an interrupt is recorded instead of ending the process at once
// (an interrupt ignored when cppvenv began, as under nohup, stays ignored).
// Leaving the scope puts back the actions it found.
class InterruptScope {
public:
    InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;
    ~InterruptScope();
};

// Throws Interrupted when an interrupt has arrived; `what` says what was left
// as it was ("nothing was changed at .venv").
void throw_if_interrupted(const std::string& what = "");

} // namespace cppvenv
