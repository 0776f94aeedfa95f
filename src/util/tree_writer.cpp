// The one fd-relative writer of files, folders and links below a root folder.
#include "util/tree_writer.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// Short enough for any name: the final name may already be 255 bytes long.
std::string temporary_name() {
    static std::atomic<unsigned> counter{0};
    return fmt::format(".cppvenv-tmp-{}-{}", platform::current_process_id(), counter++);
}

} // namespace

bool is_tree_writer_temporary(std::string_view name) {
    const std::string_view prefix = ".cppvenv-tmp-";
    if (name.substr(0, prefix.size()) != prefix) {
        return false;
    }
    const std::string_view numbers = name.substr(prefix.size());
    const std::string_view::size_type dash = numbers.find('-');
    return dash != std::string_view::npos && dash > 0 && dash + 1 < numbers.size() &&
           numbers.find_first_not_of("0123456789-") == std::string_view::npos &&
           numbers.find('-', dash + 1) == std::string_view::npos;
}

bool is_abandoned_tree_writer_temporary(std::string_view name) {
    if (!is_tree_writer_temporary(name)) {
        return false;
    }
    const std::string_view numbers = name.substr(std::string_view(".cppvenv-tmp-").size());
    const std::optional<long> process_id =
        platform::parse_process_id(numbers.substr(0, numbers.find('-')));
    return process_id && !platform::process_is_alive(*process_id);
}

std::pair<std::string_view, std::string> split_parent(std::string_view relative) {
    if (!is_plain_relative_path(relative)) {
        throw Error(
            fmt::format("refusing the path '{}': it must stay inside its folder", relative));
    }
    const std::string_view::size_type slash = relative.rfind('/');
    if (slash == std::string_view::npos) {
        return {std::string_view(), std::string(relative)};
    }
    return {relative.substr(0, slash), std::string(relative.substr(slash + 1))};
}

TreeWriter::TreeWriter(fs::path root) : root_(std::move(root)) {
    const int fd = platform::open_directory(root_, platform::FinalSymlink::Follow);
    if (fd < 0) {
        throw_system_error("cannot open the folder", root_);
    }
    folders_[""] = fd;
}

TreeWriter::TreeWriter(SameRootAs same)
    : root_(same.other.root_), new_folder_mode_(same.other.new_folder_mode_) {
    const int fd = platform::duplicate_directory(same.other.folders_.at(""));
    if (fd < 0) {
        throw_system_error("cannot open the folder", root_);
    }
    folders_[""] = fd;
}

TreeWriter::TreeWriter(OpenRoot open) : root_(std::move(open.root)) {
    folders_[""] = open.directory;
}

TreeWriter::~TreeWriter() {
    for (const auto& entry : folders_) {
        platform::close_directory(entry.second);
    }
}

fs::path TreeWriter::shown_path(const std::string& relative) const {
    return relative.empty() ? root_ : root_ / relative;
}

int TreeWriter::folder(std::string_view relative, bool create) {
    if (last_folder_ != nullptr && last_folder_->first == relative) {
        return last_folder_->second;
    }
    if (const auto found = folders_.find(relative); found != folders_.end()) {
        last_folder_ = &*found;
        return found->second;
    }
    const auto [parent_path, name] = split_parent(relative);
    const int parent = folder(parent_path, create);
    if (parent < 0) {
        return -1;
    }
    // Made first when wanted: a new tree's folders are all missing. One that
    // exists (or a symlink in its place) fails, with EEXIST (or EACCES, EROFS on
    // NFS, which does not look first), and opens as below.
    int made_error = 0;
    if (create && platform::make_directory_at(parent, name, new_folder_mode_) != 0) {
        made_error = errno;
    }
    const int fd = platform::open_directory_at(parent, name);
    if (fd < 0 && errno == ENOENT && made_error != 0) {
        errno = made_error;
        throw_system_error("cannot create the folder", shown_path(std::string(relative)));
    }
    if (fd < 0) {
        if (create) {
            // ELOOP, ENOTDIR: a symlink or a file where a folder must be.
            throw Error(fmt::format("{} is not a folder (a symlink or a file is in its place); "
                                    "nothing is written through it",
                                    shown_path(std::string(relative)).string()));
        }
        return -1;
    }
    last_folder_ = &*folders_.emplace(std::string(relative), fd).first;
    return fd;
}

void TreeWriter::forget_folders_under(const std::string& relative) {
    last_folder_ = nullptr;
    for (auto it = folders_.begin(); it != folders_.end();) {
        if (!relative.empty() &&
            (it->first == relative || it->first.rfind(relative + "/", 0) == 0)) {
            platform::close_directory(it->second);
            it = folders_.erase(it);
        } else {
            ++it;
        }
    }
}

TreeWriter::Output::Output(Output&& other) noexcept
    : writer_(other.writer_), folder_(other.folder_), fd_(other.fd_),
      relative_(std::move(other.relative_)), name_(std::move(other.name_)),
      temporary_(std::move(other.temporary_)) {
    other.fd_ = -1;
}

fs::path TreeWriter::Output::shown_path() const {
    return writer_->shown_path(relative_);
}

TreeWriter::Output::~Output() {
    if (fd_ >= 0) {
        platform::close_file(fd_);
        platform::remove_file_at(folder_, written_name());
    }
}

void TreeWriter::Output::write(std::string_view data) {
    if (!write_whole(fd_, data)) {
        throw_system_error("cannot write", shown_path());
    }
}

void TreeWriter::Output::write_at(std::uint64_t offset, std::string_view data) const {
    while (!data.empty()) {
        const long written = platform::write_at(fd_, offset, data.data(), data.size());
        if (written <= 0) {
            if (written < 0 && errno == EINTR) {
                continue;
            }
            if (written == 0) {
                errno = EIO; // nothing written and no error: never spin on it
            }
            throw_system_error("cannot write", shown_path());
        }
        data.remove_prefix(static_cast<std::size_t>(written));
        offset += static_cast<std::uint64_t>(written);
    }
}

void TreeWriter::Output::set_size(std::uint64_t size) {
    if (platform::set_file_size(fd_, size) != 0) {
        throw_system_error("cannot write", shown_path());
    }
}

bool TreeWriter::Output::fill_from(int source, const FileRange& range, CopyState& state) {
    if (range.length == 0) {
        return false; // (a clone of length 0 would take all the rest of `source`)
    }
    if (state.clone) {
        if (platform::clone_range(source, range.offset, range.clone_length, fd_) == 0 &&
            platform::set_file_size(fd_, range.length) == 0) {
            return true;
        }
        state.clone = false;
        platform::set_file_size(fd_, 0); // a clone refused part way leaves nothing behind
    }
    if (platform::copy_range(source, range.offset, range.length, fd_, state.way) != 0) {
        if (errno == ENODATA) {
            throw Error(
                fmt::format("cannot write {}: its source ended early", shown_path().string()));
        }
        throw_system_error("cannot write", shown_path());
    }
    return false;
}

bool TreeWriter::Output::clone_from(int source) {
    return platform::clone_file(source, fd_) == 0;
}

void TreeWriter::Output::commit() {
    const int fd = fd_;
    fd_ = -1;
    if (platform::close_file(fd) != 0) {
        platform::remove_file_at(folder_, written_name());
        throw_system_error("cannot write", shown_path());
    }
    if (!temporary_.empty() && platform::rename_at(folder_, temporary_, name_) != 0) {
        platform::remove_file_at(folder_, temporary_);
        throw_system_error("cannot replace", shown_path());
    }
}

TreeWriter::Output TreeWriter::open_file(const std::string& relative, unsigned mode,
                                         Existing existing) {
    auto [parent, name] = split_parent(relative);
    Output output;
    output.writer_ = this;
    output.folder_ = folder(parent, true);
    output.relative_ = relative;
    output.name_ = std::move(name);
    if (existing == Existing::Replace) {
        output.temporary_ = temporary_name();
    }
    output.fd_ = platform::create_file_at(output.folder_, output.written_name(), mode);
    if (output.fd_ < 0) {
        throw_system_error("cannot create", shown_path(relative));
    }
    return output;
}

void TreeWriter::write_file(const std::string& relative, std::string_view contents, unsigned mode,
                            Existing existing) {
    Output output = open_file(relative, mode, existing);
    output.write(contents);
    output.commit();
}

void TreeWriter::make_symlink(const std::string& relative, const std::string& link_target,
                              Existing existing) {
    if (!make_symlink_if_permitted(relative, link_target, existing)) {
        throw_system_error("cannot create the symlink", shown_path(relative));
    }
}

bool TreeWriter::make_symlink_if_permitted(const std::string& relative,
                                           const std::string& link_target, Existing existing) {
    const auto [parent, name] = split_parent(relative);
    const int fd = folder(parent, true);
    const std::string made = existing == Existing::Refuse ? name : temporary_name();
    if (platform::make_symlink_at(link_target, fd, made) != 0) {
        if (errno == EPERM) {
            return false;
        }
        throw_system_error("cannot create the symlink", shown_path(relative));
    }
    if (made != name && platform::rename_at(fd, made, name) != 0) {
        platform::remove_file_at(fd, made);
        throw_system_error("cannot replace", shown_path(relative));
    }
    return true;
}

void TreeWriter::make_folders(const std::string& relative) {
    if (!relative.empty()) {
        folder(relative, true);
    }
}

bool TreeWriter::link_file(const std::string& relative, int source_folder,
                           const std::string& source_name, Existing existing) {
    const auto [parent, name] = split_parent(relative);
    const int fd = folder(parent, true);
    const std::string made = existing == Existing::Refuse ? name : temporary_name();
    if (platform::link_file_at(source_folder, source_name, fd, made) != 0) {
        if (errno == EXDEV || errno == EMLINK || errno == EPERM || errno == ENOTSUP ||
            errno == EOPNOTSUPP) {
            return false;
        }
        throw_system_error("cannot create the hard link", shown_path(relative));
    }
    if (made != name && platform::rename_at(fd, made, name) != 0) {
        platform::remove_file_at(fd, made);
        throw_system_error("cannot replace", shown_path(relative));
    }
    return true;
}

void TreeWriter::set_folder_mode(const std::string& relative, unsigned mode) {
    const int fd = folder(relative, false);
    if (fd < 0 || platform::set_directory_mode(fd, mode) != 0) {
        throw_system_error("cannot change the mode of", shown_path(relative));
    }
}

bool TreeWriter::remove_file(const std::string& relative) {
    const auto [parent, name] = split_parent(relative);
    const int fd = folder(parent, false);
    platform::PathType type = platform::PathType::Missing;
    if (fd < 0 || platform::path_type_at(fd, name, type) != 0 ||
        type == platform::PathType::Missing || type == platform::PathType::Directory) {
        return false;
    }
    return platform::remove_file_at(fd, name) == 0;
}

bool TreeWriter::remove_empty_folder(const std::string& relative) {
    const auto [parent, name] = split_parent(relative);
    const int fd = folder(parent, false);
    if (fd < 0) {
        return false;
    }
    forget_folders_under(relative);
    return platform::remove_directory_at(fd, name) == 0;
}

bool TreeWriter::remove_tree(const std::string& relative) {
    const auto [parent, name] = split_parent(relative);
    const int fd = folder(parent, false);
    if (fd < 0) {
        return false;
    }
    forget_folders_under(relative);
    return platform::remove_tree_at(fd, name) == 0;
}

std::optional<std::string> TreeWriter::read_file(const std::string& relative, std::size_t limit) {
    const auto [parent, name] = split_parent(relative);
    const int folder_fd = folder(parent, false);
    platform::PathType type = platform::PathType::Missing;
    // Only a regular file: a FIFO planted in its place would block the open.
    if (folder_fd < 0 || platform::path_type_at(folder_fd, name, type) != 0) {
        return std::nullopt;
    }
    if (type != platform::PathType::File) {
        // errno says why, for the caller's message (it held an older failure's).
        errno = type == platform::PathType::Missing     ? ENOENT
                : type == platform::PathType::Symlink   ? ELOOP
                : type == platform::PathType::Directory ? EISDIR
                                                        : EINVAL;
        return std::nullopt;
    }
    const int fd = platform::open_file_at(folder_fd, name);
    if (fd < 0) {
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const std::size_t wanted = std::min(sizeof buffer, limit - text.size());
        const long got = wanted == 0 ? 0 : platform::read_from(fd, buffer, wanted);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            platform::close_file(fd);
            if (got < 0) {
                return std::nullopt;
            }
            return text;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
}

std::vector<std::string> TreeWriter::list_folder(const std::string& relative) {
    std::vector<std::string> names;
    const int fd = folder(relative, false);
    if (fd >= 0) {
        platform::list_directory(fd, names);
    }
    return names;
}

platform::PathType TreeWriter::type_of(const std::string& relative) {
    const auto [parent, name] = split_parent(relative);
    const int fd = folder(parent, false);
    platform::PathType type = platform::PathType::Missing;
    if (fd < 0 || platform::path_type_at(fd, name, type) != 0) {
        return platform::PathType::Missing;
    }
    return type;
}

} // namespace cppvenv
