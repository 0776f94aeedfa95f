#include "seed/install_tree_writer.hpp"

#include "util/atomic_file.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"

#include <cerrno>

namespace cppvenv {
namespace fs = boost::filesystem;

InstallTreeWriter::InstallTreeWriter(fs::path root, WriteMode mode)
    : root_(std::move(root)), mode_(mode) {}

InstallTreeWriter::Output::~Output() {
    if (fd_ >= 0) {
        // Not committed: a staging folder is removed as a whole on failure.
        platform::close_file(fd_);
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
        const long written = platform::write_to(fd_, data.data(), data.size());
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
    if (platform::close_file(fd) != 0) {
        throw_system_error("cannot write", path_);
    }
}

void InstallTreeWriter::make_parents(const std::string& relative) {
    size_t slash = relative.find('/');
    while (slash != std::string::npos) {
        const std::string folder = relative.substr(0, slash);
        if (made_folders_.insert(folder).second) {
            const fs::path path = root_ / folder;
            if (platform::make_directory(path) != 0 && errno != EEXIST) {
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
    output.fd_ = platform::create_new_file(output.path_, mode);
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
        if (platform::make_symlink(link_target, path) != 0) {
            throw_system_error("cannot create the symlink", path);
        }
        return;
    }
    const fs::path temporary =
        path.parent_path() /
        ("." + path.filename().string() + ".tmp-" + std::to_string(platform::current_process_id()));
    platform::remove_file(temporary);
    if (platform::make_symlink(link_target, temporary) != 0) {
        throw_system_error("cannot create the symlink", temporary);
    }
    if (platform::rename_replacing(temporary, path) != 0) {
        platform::remove_file(temporary);
        throw_system_error("cannot create the symlink", path);
    }
}

} // namespace cppvenv
