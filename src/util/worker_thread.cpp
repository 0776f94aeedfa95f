// WorkerThread: pthreads with a processor set on Linux, std::thread elsewhere.
#include "util/worker_thread.hpp"

#include <exception>
#include <system_error>
#include <utility>

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#else
#include <thread>
#endif

namespace cppvenv {

#ifdef __linux__

struct WorkerThread::Running {
    std::function<void()> work;
    // The creator's processors, given back to the thread as it starts, when it
    // was started on fewer.
    cpu_set_t creators_processors;
    bool give_back = false;
    pthread_t thread{};
    bool joinable = false;
};

namespace {

void* run_worker(void* argument) {
    auto* running = static_cast<WorkerThread::Running*>(argument);
    if (running->give_back) {
        // Kept off its creator's processor, the thread could not use it once
        // the creator waits for it. Failing leaves it where it is: still correct.
        ::pthread_setaffinity_np(::pthread_self(), sizeof running->creators_processors,
                                 &running->creators_processors);
    }
    try {
        running->work();
    } catch (...) {
        std::terminate(); // as an exception leaving a std::thread
    }
    return nullptr;
}

// Narrows `attributes` to the processors of `running`'s creator less the one it
// runs on now, where there is another; says whether it did.
bool start_elsewhere(pthread_attr_t& attributes, WorkerThread::Running& running) {
    CPU_ZERO(&running.creators_processors);
    if (::pthread_getaffinity_np(::pthread_self(), sizeof running.creators_processors,
                                 &running.creators_processors) != 0) {
        return false; // more processors than a cpu_set_t holds: started as any thread
    }
    const int here = ::sched_getcpu();
    if (here < 0 || here >= CPU_SETSIZE || !CPU_ISSET(here, &running.creators_processors) ||
        CPU_COUNT(&running.creators_processors) < 2) {
        return false;
    }
    cpu_set_t others = running.creators_processors;
    CPU_CLR(here, &others);
    return ::pthread_attr_setaffinity_np(&attributes, sizeof others, &others) == 0;
}

[[noreturn]] void throw_no_thread(int error) {
    throw std::system_error(error, std::generic_category(), "cannot start a thread");
}

} // namespace

WorkerThread::WorkerThread(std::function<void()> work) : running_(std::make_unique<Running>()) {
    running_->work = std::move(work);
    pthread_attr_t attributes;
    if (const int failed = ::pthread_attr_init(&attributes)) {
        throw_no_thread(failed);
    }
    running_->give_back = start_elsewhere(attributes, *running_);
    int failed = ::pthread_create(&running_->thread, &attributes, run_worker, running_.get());
    ::pthread_attr_destroy(&attributes);
    if (failed != 0 && running_->give_back) {
        // glibc sets the new thread's processors itself: a sandbox that denies
        // sched_setaffinity (seccomp, systemd's SystemCallFilter=~@resources),
        // or a cpuset shrunk meanwhile, fails the creation. Started as any thread.
        running_->give_back = false;
        failed = ::pthread_create(&running_->thread, nullptr, run_worker, running_.get());
    }
    if (failed != 0) {
        throw_no_thread(failed);
    }
    running_->joinable = true;
}

void WorkerThread::join() {
    if (running_ && running_->joinable) {
        running_->joinable = false;
        ::pthread_join(running_->thread, nullptr);
    }
}

#else

struct WorkerThread::Running {
    std::thread thread;
};

WorkerThread::WorkerThread(std::function<void()> work) : running_(std::make_unique<Running>()) {
    running_->thread = std::thread(std::move(work));
}

void WorkerThread::join() {
    if (running_ && running_->thread.joinable()) {
        running_->thread.join();
    }
}

#endif

WorkerThread::WorkerThread(WorkerThread&&) noexcept = default;

WorkerThread::~WorkerThread() {
    join();
}

} // namespace cppvenv
