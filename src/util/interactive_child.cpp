#include "util/interactive_child.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#ifndef _WIN32
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#endif

namespace cppvenv {

#ifdef _WIN32

int run_interactive_child(const boost::filesystem::path& program, const std::vector<std::string>&,
                          const std::vector<std::string>&) {
    throw Error(
        fmt::format("cannot start {} as an interactive child on Windows", program.string()));
}

#else

namespace {

volatile sig_atomic_t running_child = 0;

extern "C" void pass_signal_on(int signal_number) {
    if (running_child > 0) {
        ::kill(static_cast<pid_t>(running_child), signal_number);
    }
}

// Signal actions for the time the child runs, put back by the destructor.
class ChildSignals {
public:
    ChildSignals() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        ::sigaction(SIGINT, &ignore, &old_interrupt_);
        ::sigaction(SIGQUIT, &ignore, &old_quit_);
        struct sigaction pass {};
        pass.sa_handler = pass_signal_on;
        pass.sa_flags = SA_RESTART;
        sigemptyset(&pass.sa_mask);
        // One ignored when cppvenv began (nohup) stays ignored, for the child
        // too, which inherits it.
        for (auto [signal_number, old] :
             {std::pair{SIGHUP, &old_hangup_}, std::pair{SIGTERM, &old_terminate_}}) {
            ::sigaction(signal_number, nullptr, old);
            if ((old->sa_flags & SA_SIGINFO) != 0 || old->sa_handler != SIG_IGN) {
                ::sigaction(signal_number, &pass, nullptr);
            }
        }
    }
    // In the child, before exec: SIGINT and SIGQUIT as cppvenv found them (the
    // default, or ignored as under a script's `cppvenv shell &`), not as
    // cppvenv ignores them while it waits.
    void give_child_the_original() const {
        ::sigaction(SIGINT, &old_interrupt_, nullptr);
        ::sigaction(SIGQUIT, &old_quit_, nullptr);
    }
    ChildSignals(const ChildSignals&) = delete;
    ChildSignals& operator=(const ChildSignals&) = delete;
    ~ChildSignals() {
        running_child = 0;
        ::sigaction(SIGINT, &old_interrupt_, nullptr);
        ::sigaction(SIGQUIT, &old_quit_, nullptr);
        ::sigaction(SIGHUP, &old_hangup_, nullptr);
        ::sigaction(SIGTERM, &old_terminate_, nullptr);
    }

private:
    struct sigaction old_interrupt_ {};
    struct sigaction old_quit_ {};
    struct sigaction old_hangup_ {};
    struct sigaction old_terminate_ {};
};

// A shell with job control moves the terminal to its own process group; some do
// not give it back when they exit.
void take_back_terminal() {
    if (!::isatty(STDIN_FILENO) || ::tcgetpgrp(STDIN_FILENO) == ::getpgrp()) {
        return;
    }
    struct sigaction ignore {};
    struct sigaction old {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGTTOU, &ignore, &old);
    ::tcsetpgrp(STDIN_FILENO, ::getpgrp());
    ::sigaction(SIGTTOU, &old, nullptr);
}

} // namespace

int run_interactive_child(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments,
                          const std::vector<std::string>& environment) {
    std::vector<std::string> argument_copies = arguments;
    std::vector<std::string> environment_copies = environment;
    std::vector<char*> argv;
    for (std::string& argument : argument_copies) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (std::string& line : environment_copies) {
        envp.push_back(line.data());
    }
    envp.push_back(nullptr);

    // The child reports a failed exec through this pipe; a successful exec closes it.
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
        throw Error(fmt::format("cannot start {}: {}", program.string(), std::strerror(errno)));
    }
    std::fflush(nullptr);
    ChildSignals signals;
    const pid_t child = ::fork();
    if (child < 0) {
        const int fork_errno = errno;
        ::close(report[0]);
        ::close(report[1]);
        throw Error(
            fmt::format("cannot start {}: {}", program.string(), std::strerror(fork_errno)));
    }
    if (child == 0) {
        signals.give_child_the_original();
        ::execve(program.c_str(), argv.data(), envp.data());
        const int exec_errno = errno;
        (void)!::write(report[1], &exec_errno, sizeof exec_errno);
        ::_exit(127);
    }
    running_child = child;
    ::close(report[1]);
    int exec_errno = 0;
    ssize_t got;
    do {
        got = ::read(report[0], &exec_errno, sizeof exec_errno);
    } while (got < 0 && errno == EINTR);
    ::close(report[0]);

    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            throw Error(
                fmt::format("cannot wait for {}: {}", program.string(), std::strerror(errno)));
        }
    }
    take_back_terminal();
    if (got == static_cast<ssize_t>(sizeof exec_errno)) {
        throw Error(
            fmt::format("cannot start {}: {}", program.string(), std::strerror(exec_errno)));
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

#endif

} // namespace cppvenv
