#pragma once
// Puts a wheel's package files into a venv, on several threads where that pays.

#include "seed/wheel_contents.hpp"
#include "util/tree_writer.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace cppvenv {

// Puts one package file (not a script) into the venv, with the bytes of its
// RECORD hash: checked as it is placed (from a wheel), or checked when it was
// put into the cache (from an entry).
using PlaceFile = std::function<void(const WheelFile&, TreeWriter&, Existing)>;

// How package files go into the venv: `place` on this thread, and, where
// placing is safe in parallel (copies out of the cache's pack, symlinks to its
// files, files inflated from the wheel), `for_thread` makes an independent PlaceFile for another
// thread, with its own state; it is called on that thread.
struct FilePlacer {
    PlaceFile place;
    std::function<PlaceFile()> for_thread; // empty: one thread
    // Checks the bytes of every one of `files`, scripts too, against its RECORD
    // hash, writing nothing. In place it runs before anything changes, so a
    // wheel that fails its check leaves the venv as it was. Empty where the
    // source was checked whole already (a cache entry, checked when it was made).
    std::function<void(const std::vector<WheelFile>& files)> check_all = {};
};

// How many threads place `file_count` files: one for each of the `cores` this
// process may use, at most 4, at least 64 files each (so one for few files).
unsigned placing_threads(std::size_t file_count, unsigned cores);

// Places every file of `files` that is not a script on `threads` threads (one
// without placer.for_thread). Each thread takes a run of consecutive files (mostly of one folder,
// about the same bytes each) and writes with its own TreeWriter into writer's folder (made on this
// thread before any starts); this thread uses `writer` and placer.place, and does the runs of
// threads that could not be started or could not make their writer or their placer. When a file
// fails, the runs after it stop at their next file, and once every thread has ended, the error
// thrown is that of the first failing file in order (as on one thread). Returns the threads that
// placed files.
unsigned place_package_files(const std::vector<WheelFile>& files, const FilePlacer& placer,
                             TreeWriter& writer, Existing existing, unsigned threads);

} // namespace cppvenv
