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

// A wheel's members and their bytes: the wheel file itself (WheelArchive) or
// its unpacked copy in the cache (UnpackedWheel).
class WheelSource {
public:
    virtual ~WheelSource() = default;
    virtual const std::vector<ArchiveMember>& members() const = 0;
    // What error messages name: the wheel file.
    virtual const boost::filesystem::path& path() const = 0;
    // The member's bytes; throws Error when they cannot be read whole.
    virtual std::string read_all(const ArchiveMember& member) const = 0;
    // The member named exactly `name`, or nullptr.
    const ArchiveMember* find(std::string_view name) const;
};

// Read-only access to a wheel through libzip.
class WheelArchive : public WheelSource {
public:
    explicit WheelArchive(const boost::filesystem::path& path);
    ~WheelArchive() override;
    WheelArchive(const WheelArchive&) = delete;
    WheelArchive& operator=(const WheelArchive&) = delete;

    const std::vector<ArchiveMember>& members() const override { return members_; }
    const boost::filesystem::path& path() const override { return path_; }

    // Calls `sink` with successive chunks of the member's uncompressed bytes.
    // Throws Error when the member cannot be read or its size or CRC is wrong.
    void read(const ArchiveMember& member,
              const std::function<void(std::string_view chunk)>& sink) const;
    std::string read_all(const ArchiveMember& member) const override;

private:
    boost::filesystem::path path_;
    zip* archive_ = nullptr;
    std::vector<ArchiveMember> members_;
};

} // namespace cppvenv
