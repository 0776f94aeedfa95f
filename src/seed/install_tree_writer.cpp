#include "seed/install_tree_writer.hpp"

#include "util/atomic_file.hpp"
#include "util/file_system.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cppvenv {
namespace fs = boost::filesystem;

InstallTreeWriter::InstallTreeWriter(fs::path root, WriteMode mode)
    : root_(std::move(root)), mode_(mode) {}

InstallTreeWriter::Output::~Output() {
    if (fd_ >= 0) {
        // Not committed: a staging folder is removed as a whole on failure.
        ::close(fd_);
    }
}

InstallTreeWriter::Output::Output(Output&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), atomic_(std::move(other.atomic_)) {
    other.fd_ = -1;
}

void InstallTreeWriter::Output::write(std::string_view data) {
    if (atomic_) {
        atomic_->write(data);
        return;
    }
    while (!data.empty()) {
        const ssize_t written = ::write(fd_, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_system_error("cannot write", path_);
        }
        data.remove_prefix(static_cast<size_t>(written));
    }
}

void InstallTreeWriter::Output::commit() {
    if (atomic_) {
        atomic_->commit();
        return;
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        throw_system_error("cannot write", path_);
    }
}

void InstallTreeWriter::make_parents(const std::string& relative) {
    size_t slash = relative.find('/');
    while (slash != std::string::npos) {
        const std::string folder = relative.substr(0, slash);
        if (made_folders_.insert(folder).second) {
            const fs::path path = root_ / folder;
            if (::mkdir(path.c_str(), 0777) != 0 && errno != EEXIST) {
                throw_system_error("cannot create the folder", path);
            }
        }
        slash = relative.find('/', slash + 1);
    }
}

InstallTreeWriter::Output InstallTreeWriter::open(const std::string& relative, unsigned mode) {
    make_parents(relative);
    Output output;
    output.path_ = root_ / relative;
    if (mode_ == WriteMode::ReplaceAtomically) {
        output.atomic_ = std::make_unique<AtomicFile>(output.path_, mode);
        return output;
    }
    output.fd_ =
        ::open(output.path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (output.fd_ < 0) {
        throw_system_error("cannot create", output.path_);
    }
    return output;
}

void InstallTreeWriter::write_file(const std::string& relative, std::string_view contents,
                                   unsigned mode) {
    Output output = open(relative, mode);
    output.write(contents);
    output.commit();
}

void InstallTreeWriter::make_symlink(const std::string& relative, const std::string& link_target) {
    make_parents(relative);
    const fs::path path = root_ / relative;
    if (mode_ == WriteMode::NewFiles) {
        if (::symlink(link_target.c_str(), path.c_str()) != 0) {
            throw_system_error("cannot create the symlink", path);
        }
        return;
    }
    const fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".tmp-" +
                                                     std::to_string(::getpid()));
    ::unlink(temporary.c_str());
    if (::symlink(link_target.c_str(), temporary.c_str()) != 0) {
        throw_system_error("cannot create the symlink", temporary);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        throw_system_error("cannot create the symlink", path);
    }
}

} // namespace cppvenv
