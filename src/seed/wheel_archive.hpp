#pragma once
// Read-only access to a wheel (a zip) through libzip.

#include <boost/filesystem/path.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct zip;

namespace cppvenv {

// One member of a wheel (a zip file), as its central directory lists it.
struct ArchiveMember {
    std::uint64_t index = 0;
    std::string name; // as stored: '/'-separated, may end in '/' for a folder
    std::uint64_t size = 0;
    bool is_directory = false;
    bool is_symlink = false; // a Unix symlink; its contents are the link text
    bool is_executable = false;
};

// Read-only access to a wheel through libzip.
class WheelArchive {
public:
    explicit WheelArchive(const boost::filesystem::path& path);
    ~WheelArchive();
    WheelArchive(const WheelArchive&) = delete;
    WheelArchive& operator=(const WheelArchive&) = delete;

    const std::vector<ArchiveMember>& members() const { return members_; }
    const boost::filesystem::path& path() const { return path_; }

    // Calls `sink` with successive chunks of the member's uncompressed bytes.
    // Throws Error when the member cannot be read or its size or CRC is wrong.
    void read(const ArchiveMember& member,
              const std::function<void(std::string_view chunk)>& sink) const;
    std::string read_all(const ArchiveMember& member) const;

    // The member named exactly `name`, or nullptr.
    const ArchiveMember* find(std::string_view name) const;

private:
    boost::filesystem::path path_;
    zip* archive_ = nullptr;
    std::vector<ArchiveMember> members_;
};

} // namespace cppvenv
