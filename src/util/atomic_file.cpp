// AtomicFile: write a file under a temporary name, rename on commit.
#include "util/atomic_file.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"

#include <atomic>
#include <cerrno>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {
std::atomic<unsigned> temporary_counter{0};
}

AtomicFile::AtomicFile(fs::path final_path, unsigned mode) : final_path_(std::move(final_path)) {
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
        temporary_path_ =
            final_path_.parent_path() / ("." + final_path_.filename().string() + ".tmp-" +
                                         std::to_string(platform::current_process_id()) + "-" +
                                         std::to_string(temporary_counter++));
        fd_ = platform::create_new_file(temporary_path_, mode);
        if (fd_ < 0 && errno != EEXIST) {
            throw_system_error("cannot create", temporary_path_);
        }
    }
    if (fd_ < 0) {
        throw_system_error("cannot create", temporary_path_);
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) {
        platform::close_file(fd_);
    }
    if (!committed_) {
        platform::remove_file(temporary_path_);
    }
}

void AtomicFile::write(std::string_view data) {
    write_all(fd_, data, final_path_);
}

void AtomicFile::commit() {
    int fd = fd_;
    fd_ = -1;
    if (platform::close_file(fd) != 0) {
        throw_system_error("cannot write", final_path_);
    }
    if (platform::rename_replacing(temporary_path_, final_path_) != 0) {
        throw_system_error("cannot write", final_path_);
    }
    committed_ = true;
}

void write_file_atomically(const fs::path& path, std::string_view contents, unsigned mode) {
    AtomicFile file(path, mode);
    file.write(contents);
    file.commit();
}

} // namespace cppvenv
