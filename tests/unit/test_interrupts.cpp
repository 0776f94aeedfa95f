// InterruptScope: records SIGINT, SIGTERM and SIGHUP for the next check, leaves
// an interrupt ignored when it began ignored, and puts back what it found.
// Each case runs in a forked child: a recorded interrupt is never forgotten.
#include "catch_compat.hpp"
#include "test_support.hpp"
#include "util/interrupts.hpp"
#include "util/platform.hpp"

#ifndef _WIN32
#include <signal.h>
#include <unistd.h>

using namespace cppvenv;
using cppvenv::testing::exit_code_of;

namespace {

void (*action_of(int signal_number))(int) {
    struct sigaction action {};
    ::sigaction(signal_number, nullptr, &action);
    return action.sa_handler;
}

extern "C" void someone_elses_handler(int) {}

// Runs `body` in a forked child; its result is the child's exit code, 99 when
// it threw.
template <typename Body> int in_a_child(Body body) {
    const pid_t child = fork();
    if (child == 0) {
        int result = 99;
        try {
            result = body();
        } catch (...) {
        }
        _exit(result);
    }
    return exit_code_of(child);
}

} // namespace

TEST_CASE("an interrupt inside the scope is thrown at the next check, with 128 + its number") {
    CHECK(in_a_child([] {
              InterruptScope interrupts;
              ::raise(SIGTERM);
              try {
                  throw_if_interrupted("nothing was changed");
              } catch (const Interrupted& interrupted) {
                  return interrupted.exit_code() == 143 &&
                                 std::string(interrupted.what()) ==
                                     "interrupted by SIGTERM; nothing was changed"
                             ? 0
                             : 2;
              }
              return 1;
          }) == 0);
}

TEST_CASE("an interrupt ignored when the scope began stays ignored (nohup, a script's background "
          "command)") {
    CHECK(in_a_child([] {
              ::signal(SIGHUP, SIG_IGN);
              ::signal(SIGINT, SIG_IGN);
              {
                  InterruptScope interrupts;
                  if (action_of(SIGHUP) != SIG_IGN || action_of(SIGINT) != SIG_IGN) {
                      return 1;
                  }
                  ::raise(SIGHUP);
                  ::raise(SIGINT);
                  if (platform::received_interrupt() != 0) {
                      return 2;
                  }
                  ::raise(SIGTERM); // not ignored: caught and recorded
                  if (platform::received_interrupt() != SIGTERM) {
                      return 3;
                  }
              }
              return action_of(SIGHUP) == SIG_IGN && action_of(SIGINT) == SIG_IGN ? 0 : 4;
          }) == 0);
}

TEST_CASE("leaving the scope puts back the actions it found, also after nested scopes") {
    CHECK(in_a_child([] {
              ::signal(SIGTERM, someone_elses_handler);
              const auto sigint_before = action_of(SIGINT); // Catch2's own
              const auto sighup_before = action_of(SIGHUP);
              {
                  InterruptScope outer;
                  { InterruptScope inner; }
                  // Still the outer scope's: recorded (a default action would
                  // end the child, and the test with it).
                  ::raise(SIGTERM);
                  if (platform::received_interrupt() != SIGTERM) {
                      return 1;
                  }
              }
              if (action_of(SIGTERM) != someone_elses_handler) {
                  return 2;
              }
              return action_of(SIGINT) == sigint_before && action_of(SIGHUP) == sighup_before ? 0
                                                                                              : 3;
          }) == 0);
}

#endif // !_WIN32
