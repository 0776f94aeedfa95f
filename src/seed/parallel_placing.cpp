// Puts a wheel's package files into a venv, on several threads where that pays.
#include "seed/parallel_placing.hpp"

#include "util/worker_thread.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>

namespace cppvenv {

namespace {

// A file costs about as much to create as 8 KiB to copy (tmpfs and ext4): runs
// are balanced on bytes plus this for each file.
constexpr std::uint64_t bytes_per_file = 8 * 1024;
constexpr unsigned most_threads = 4;
constexpr std::size_t fewest_files_per_thread = 64;

std::uint64_t weight_of(const WheelFile& file) {
    return file.is_script ? 0 : file.member->size + bytes_per_file;
}

// `runs` + 1 bounds into `files`: run r is [bounds[r], bounds[r + 1]).
std::vector<std::size_t> split_into_runs(const std::vector<WheelFile>& files, unsigned runs) {
    std::uint64_t total = 0;
    for (const WheelFile& file : files) {
        total += weight_of(file);
    }
    std::vector<std::size_t> bounds{0};
    std::uint64_t done = 0;
    for (std::size_t i = 0; i < files.size() && bounds.size() < runs; ++i) {
        done += weight_of(files[i]);
        if (done * runs >= total * bounds.size()) {
            bounds.push_back(i + 1);
        }
    }
    while (bounds.size() <= runs) {
        bounds.push_back(files.size());
    }
    return bounds;
}

} // namespace

unsigned placing_threads(std::size_t file_count, unsigned cores) {
    const std::size_t by_files = file_count / fewest_files_per_thread;
    return static_cast<unsigned>(
        std::max<std::size_t>(1, std::min<std::size_t>({cores, most_threads, by_files})));
}

unsigned place_package_files(const std::vector<WheelFile>& files, const FilePlacer& placer,
                             TreeWriter& writer, Existing existing, unsigned threads) {
    const unsigned runs = placer.for_thread ? std::max(1U, threads) : 1;
    const std::vector<std::size_t> bounds = split_into_runs(files, runs);
    std::vector<std::exception_ptr> errors(runs);
    // The earliest run that failed (`runs`: none). A run stops once an earlier
    // one failed, and goes on past a later one's failure: the error thrown is
    // the one the files in order meet first, as on one thread.
    std::atomic<unsigned> first_failed{runs};
    const auto fail = [&](unsigned run) {
        errors[run] = std::current_exception();
        unsigned seen = first_failed;
        while (run < seen && !first_failed.compare_exchange_weak(seen, run)) {
        }
    };
    const auto place_run = [&](unsigned run, TreeWriter& run_writer, const PlaceFile& place) {
        try {
            for (std::size_t i = bounds[run]; i < bounds[run + 1] && first_failed >= run; ++i) {
                if (!files[i].is_script) {
                    place(files[i], run_writer, existing);
                }
            }
        } catch (...) {
            fail(run);
        }
    };

    // Each thread's writer is made here, before any thread starts: it copies
    // the root's descriptor out of `writer`, whose folders this thread then
    // goes on adding. Made before `workers`, so the threads end before it goes.
    std::vector<std::optional<TreeWriter>> own(runs);
    std::vector<WorkerThread> workers;
    std::vector<unsigned> here; // runs of this thread: the first, and any no thread took
    workers.reserve(runs);      // nothing may throw while a thread is running
    here.reserve(runs);
    here.push_back(0);
    // Runs whose thread could not make its placer (the wheel not opened again):
    // done here once the threads have ended.
    std::vector<char> left_over(runs, 0);
    for (unsigned run = 1; run < runs; ++run) {
        try {
            own[run].emplace(TreeWriter::SameRootAs{writer});
            workers.emplace_back([&, run] {
                PlaceFile place;
                try {
                    place = placer.for_thread();
                } catch (...) {
                    left_over[run] = 1;
                    return;
                }
                place_run(run, *own[run], place);
            });
        } catch (...) { // no descriptor left, no thread to be had (std::system_error,
                        // std::bad_alloc): done here
            here.push_back(run);
        }
    }
    for (const unsigned run : here) {
        place_run(run, writer, placer.place);
    }
    for (WorkerThread& thread : workers) {
        thread.join();
    }
    for (unsigned run = 1; run < runs; ++run) {
        if (left_over[run] != 0) {
            place_run(run, writer, placer.place);
        }
    }
    for (const std::exception_ptr& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
    return static_cast<unsigned>(workers.size() + 1 -
                                 std::count(left_over.begin(), left_over.end(), 1));
}

} // namespace cppvenv
