// A thread for work beside the calling thread, started on another processor.
//
// Linux starts a new thread on its creator's processor and, while the creator
// keeps running there, leaves it waiting out the creator's time slice: on a
// 2-core VM a std::thread's first instruction ran 2.5-4 ms after its creation,
// the other core idle all along (README, "Starting the second thread, and
// starting faster"). A WorkerThread is created with the processors this
// process may use less the creator's, so it starts at once on an idle one, and
// then gives itself the creator's whole set back (it may move anywhere later,
// as any thread). With one processor allowed, where a sandbox denies setting a
// thread's processors, or off Linux, it is started as any thread.
#pragma once

#include <functional>
#include <memory>

namespace cppvenv {

class WorkerThread {
public:
    // Starts `work`, which must not throw (as with std::thread, an exception
    // that leaves it ends the process). Throws std::system_error when no
    // thread can be had, as std::thread does.
    explicit WorkerThread(std::function<void()> work);
    WorkerThread(WorkerThread&&) noexcept;
    WorkerThread& operator=(WorkerThread&&) = delete;
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;
    // Joins the thread if it was not joined.
    ~WorkerThread();

    void join();

    struct Running;

private:
    std::unique_ptr<Running> running_;
};

} // namespace cppvenv
