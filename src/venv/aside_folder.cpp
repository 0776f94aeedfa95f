// Hidden staging and removal folders beside a venv: naming, locking, sweeping.
#include "venv/aside_folder.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>
#include <mutex>
#include <random>
#include <set>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

const char* const marker_name = ".cppvenv-aside";

const char* kind_word(AsideKind kind) {
    return kind == AsideKind::Staging ? ".cppvenv-staging-" : ".cppvenv-removing-";
}

// What cppvenv writes first in a marker; then, where the system can tell, a line
// saying when the process started, so that a later process given the same id is
// told from it.
std::string marker_text(AsideKind kind) {
    return fmt::format("made by cppvenv as a {} folder; deleted by the next cppvenv run once its "
                       "process is gone\n",
                       kind == AsideKind::Staging ? "staging" : "removal");
}

const char* const started_label = "process started: ";

std::string marker_contents(AsideKind kind) {
    const std::optional<std::string> started =
        platform::process_start_time(platform::current_process_id());
    return marker_text(kind) + (started ? started_label + *started + "\n" : std::string());
}

// Long names get a hash: the hidden name must stay within 255 bytes.
std::string short_name(const std::string& target_name) {
    if (target_name.size() <= 180) {
        return target_name;
    }
    std::uint64_t hash = 14695981039346656037ULL; // FNV-1a
    for (unsigned char c : target_name) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    return fmt::format("{:016x}", hash);
}

bool all_of(const std::string& text, const char* allowed) {
    return !text.empty() && text.find_first_not_of(allowed) == std::string::npos;
}

// The process id of a name of the exact form `.X<kind>PID-RANDOM`, or -1.
long process_of(const std::string& name, AsideKind kind, const std::string& prefix) {
    const std::string word = kind_word(kind);
    const std::string::size_type at = name.rfind(word);
    if (name.size() < 2 || name[0] != '.' || at == std::string::npos || at < 2 ||
        (!prefix.empty() && name.compare(0, at, prefix) != 0)) {
        return -1;
    }
    const std::string rest = name.substr(at + word.size());
    const std::string::size_type dash = rest.find('-');
    if (dash == std::string::npos) {
        return -1;
    }
    const std::string pid = rest.substr(0, dash);
    const std::string random = rest.substr(dash + 1);
    const std::optional<long> process_id = platform::parse_process_id(pid);
    if (!process_id || random.size() != 8 || !all_of(random, "0123456789abcdef")) {
        return -1;
    }
    return *process_id;
}

bool is_prefix(const std::string& text, const std::string& of) {
    return text.size() <= of.size() && of.compare(0, text.size(), text) == 0;
}

bool all_digits(const std::string& text) {
    return all_of(text, "0123456789") && text.size() <= 24;
}

} // namespace

MarkerReading read_marker(const std::string& contents, AsideKind kind) {
    const std::string text = marker_text(kind);
    const std::string label = started_label;
    if (contents == text) {
        return {MarkerReading::Whole, std::nullopt}; // its process's start was unknown
    }
    if (is_prefix(contents, text)) {
        return {MarkerReading::Cut, std::nullopt};
    }
    if (contents.compare(0, text.size(), text) != 0) {
        return {MarkerReading::Foreign, std::nullopt};
    }
    const std::string line = contents.substr(text.size());
    if (is_prefix(line, label)) {
        return {MarkerReading::Cut, std::nullopt};
    }
    if (line.compare(0, label.size(), label) != 0) {
        return {MarkerReading::Foreign, std::nullopt};
    }
    const std::string started = line.substr(label.size());
    if (all_digits(started)) {
        return {MarkerReading::Cut, std::nullopt};
    }
    const std::string digits = started.substr(0, started.size() - 1);
    if (started.back() == '\n' && all_digits(digits)) {
        return {MarkerReading::Whole, digits};
    }
    return {MarkerReading::Foreign, std::nullopt};
}

namespace {

// Whether `name` in `parent` is a folder this user's cppvenv made, and if so,
// when its process started where the marker says.
std::optional<std::optional<std::string>> made_by_cppvenv(int parent, const std::string& name,
                                                          AsideKind kind) {
    platform::EntryIdentity identity;
    if (platform::identity_at(parent, name, identity) != 0 ||
        identity.type != platform::PathType::Directory ||
        identity.owner != platform::current_user_id()) {
        return std::nullopt;
    }
    platform::OpenDirectory folder(platform::open_directory_at(parent, name));
    std::vector<std::string> names;
    if (!folder || platform::list_directory(folder.get(), names) != 0) {
        return std::nullopt;
    }
    if (names.empty()) {
        // Killed between its mkdir and its marker: nothing to lose.
        return std::optional<std::string>();
    }
    std::string contents;
    if (platform::read_file_at(folder.get(), marker_name, 4096, contents) != 0) {
        return std::nullopt;
    }
    const MarkerReading marker = read_marker(contents, kind);
    // Killed while writing the marker: the marker alone, holding the start of it.
    if (marker.state == MarkerReading::Whole ||
        (marker.state == MarkerReading::Cut && names.size() == 1)) {
        return marker.owner_started;
    }
    return std::nullopt;
}

// The aside folders this process holds (full paths), so that a folder named
// with this process's id is told from one a dead process left under the same id:
// wine gives each new process the lowest free id, and a container's processes
// get the same small ids run after run. Another live process with the folder's
// id is its owner unless it started after the folder was made (Windows tells).
std::mutex held_folders_mutex;
std::set<std::string>& held_folders() {
    static std::set<std::string> folders;
    return folders;
}

bool held_by_this_process(const fs::path& folder) {
    const std::lock_guard<std::mutex> guard(held_folders_mutex);
    return held_folders().count(folder.string()) != 0;
}

// Whether the process that named `folder` after `process_id` may still use it.
// `owner_started` is when that process started, as its marker says.
bool owner_may_be_running(long process_id, const fs::path& folder,
                          const std::optional<std::string>& owner_started) {
    if (process_id == platform::current_process_id()) {
        return held_by_this_process(folder);
    }
    if (!platform::process_is_alive(process_id)) {
        return false;
    }
    // A process under that id that started at another time is a later one. The
    // marker tells exactly; the folder's creation time is the fallback, and wine
    // can report one later than the folder was made (a sweep that was killed
    // part way changes it).
    const std::optional<std::string> started =
        owner_started ? platform::process_start_time(process_id) : std::nullopt;
    if (started) {
        return *started == *owner_started;
    }
    return !platform::process_started_after(process_id, folder);
}

} // namespace

std::string aside_name(const std::string& target_name, AsideKind kind, long process_id,
                       unsigned random) {
    return fmt::format(".{}{}{}-{:08x}", short_name(target_name), kind_word(kind), process_id,
                       random);
}

AsideFolder::AsideFolder(const fs::path& target, AsideKind kind, const std::string& shown) {
    std::random_device random;
    path_ = target.parent_path() /
            aside_name(target.filename().string(), kind, platform::current_process_id(), random());
    if (platform::make_directory(path_) != 0) {
        const int error = errno;
        std::string parent = fs::path(shown).parent_path().string();
        if (error == EACCES || error == EPERM || error == EROFS) {
            throw Error(fmt::format("cannot {} {}: folder {} is not writable ({})",
                                    kind == AsideKind::Staging ? "create" : "remove", shown,
                                    parent.empty() ? std::string(".") : parent,
                                    std::strerror(error)));
        }
        throw Error(fmt::format("cannot {} {}: {}",
                                kind == AsideKind::Staging ? "create" : "remove", shown,
                                std::strerror(error)));
    }
    lock_.lock(path_);
    {
        const std::lock_guard<std::mutex> guard(held_folders_mutex);
        held_folders().insert(path_.string());
    }
    const int marker = platform::create_new_file(path_ / marker_name, 0644);
    const std::string contents = marker_contents(kind);
    bool written = marker >= 0 && platform::write_to(marker, contents.data(), contents.size()) ==
                                      static_cast<long>(contents.size());
    written = marker >= 0 && platform::close_file(marker) == 0 && written;
    if (written && kind == AsideKind::Staging && platform::make_directory(venv_path()) != 0) {
        written = false;
    }
    if (!written) {
        const int error = errno;
        remove_aside_folder(path_.parent_path(), path_.filename().string());
        {
            const std::lock_guard<std::mutex> guard(held_folders_mutex);
            held_folders().erase(path_.string());
        }
        throw Error(fmt::format("cannot {} {}: {}",
                                kind == AsideKind::Staging ? "create" : "remove", shown,
                                std::strerror(error)));
    }
}

namespace {

// The folder once its venv has left (moved into place): the marker alone, gone
// in two calls where remove_tree_at would list the folder first. False, having
// removed nothing, or the marker only, when anything else may be in it.
bool remove_emptied_aside_folder(const fs::path& parent, const std::string& name) {
    const platform::OpenDirectory directory(
        platform::open_directory(parent, platform::FinalSymlink::Follow));
    const platform::OpenDirectory folder(
        directory ? platform::open_directory_at(directory.get(), name) : -1);
    platform::PathType venv = platform::PathType::Other;
    return folder && platform::path_type_at(folder.get(), "venv", venv) == 0 &&
           venv == platform::PathType::Missing &&
           platform::remove_file_at(folder.get(), marker_name) == 0 &&
           platform::remove_directory_at(directory.get(), name) == 0;
}

} // namespace

AsideFolder::~AsideFolder() {
    if (!remove_emptied_aside_folder(path_.parent_path(), path_.filename().string())) {
        remove_aside_folder(path_.parent_path(), path_.filename().string());
    }
    const std::lock_guard<std::mutex> guard(held_folders_mutex);
    held_folders().erase(path_.string());
}

std::vector<std::string> abandoned_aside_folders(const fs::path& parent, AsideKind kind,
                                                 const std::string& target_name) {
    std::vector<std::string> found;
    platform::OpenDirectory directory(
        platform::open_directory(parent, platform::FinalSymlink::Follow));
    std::vector<std::string> names;
    if (!directory || platform::list_directory(directory.get(), names) != 0) {
        return found;
    }
    const std::string prefix = target_name.empty() ? "" : "." + short_name(target_name);
    for (const std::string& name : names) {
        const long process_id = process_of(name, kind, prefix);
        if (process_id <= 0) {
            continue;
        }
        const std::optional<std::optional<std::string>> owner_started =
            made_by_cppvenv(directory.get(), name, kind);
        if (!owner_started || owner_may_be_running(process_id, parent / name, *owner_started)) {
            continue;
        }
        platform::DirectoryLock lock;
        if (lock.try_lock(parent / name)) {
            found.push_back(name);
        }
    }
    return found;
}

int remove_aside_folder(const fs::path& parent, const std::string& name) {
    platform::OpenDirectory directory(
        platform::open_directory(parent, platform::FinalSymlink::Follow));
    if (!directory) {
        return -1;
    }
    return platform::remove_tree_at(directory.get(), name);
}

} // namespace cppvenv
