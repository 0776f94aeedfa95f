#pragma once
// Read-only access to a wheel (a zip) through libzip.

#include "util/platform.hpp"

#include <boost/filesystem/path.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct zip;
struct libdeflate_decompressor;

namespace cppvenv {

// One member of a wheel (a zip file), as its central directory lists it.
struct ArchiveMember {
    std::uint64_t index = 0;
    std::string name; // as stored: '/'-separated, may end in '/' for a folder
    std::uint64_t size = 0;
    bool is_directory = false;
    bool is_symlink = false; // a Unix symlink; its contents are the link text
    bool is_executable = false;
    // Deflated and not encrypted: WheelArchive inflates it with libdeflate.
    bool is_deflated = false;
    std::uint64_t compressed_size = 0;
    std::uint32_t crc = 0;
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

// Reads members' bytes through one open handle on a wheel, one member at a
// time: a thread that reads members beside others has a reader of its own.
class ArchiveReader {
public:
    explicit ArchiveReader(const boost::filesystem::path& path);
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;

    // Calls `sink` with successive chunks of the member's uncompressed bytes
    // (a deflated member of up to a few MiB: all of them in one chunk). A chunk
    // is valid during the call only, and `sink` must not use this reader.
    // Throws Error when the member cannot be read or its size or CRC is wrong.
    void read(const ArchiveMember& member,
              const std::function<void(std::string_view chunk)>& sink) const;
    zip* handle() const { return archive_; }

private:
    // A growable buffer that, unlike std::vector, does not zero what it adds.
    struct Buffer {
        std::unique_ptr<char[]> data;
        std::size_t capacity = 0;
        char* reserve(std::size_t size);
    };
    std::optional<std::string_view> inflate_whole(const ArchiveMember& member) const;
    void stream(const ArchiveMember& member,
                const std::function<void(std::string_view chunk)>& sink) const;

    boost::filesystem::path path_;
    zip* archive_ = nullptr;
    // Kept from member to member: inflating is this class's own business.
    mutable libdeflate_decompressor* decompressor_ = nullptr;
    mutable Buffer compressed_;
    mutable Buffer inflated_;
};

// Read-only access to a wheel through libzip.
class WheelArchive : public WheelSource {
public:
    explicit WheelArchive(const boost::filesystem::path& path);
    WheelArchive(const WheelArchive&) = delete;
    WheelArchive& operator=(const WheelArchive&) = delete;

    const std::vector<ArchiveMember>& members() const override { return members_; }
    const boost::filesystem::path& path() const override { return path_; }

    // The member's bytes in chunks, as ArchiveReader::read.
    void read(const ArchiveMember& member,
              const std::function<void(std::string_view chunk)>& sink) const {
        reader_.read(member, sink);
    }
    std::string read_all(const ArchiveMember& member) const override;
    const ArchiveReader& reader() const { return reader_; }
    // A reader for another thread, on the wheel opened again; throws Error when
    // the file at its path is no longer the one this archive opened (a package
    // upgrade put another in its place): this archive's own reader still reads
    // the one it opened. Its members are read by this archive's list (index,
    // size, CRC), and their bytes checked against RECORD as any others.
    std::unique_ptr<ArchiveReader> another_reader() const;

private:
    boost::filesystem::path path_;
    ArchiveReader reader_;
    std::optional<platform::FileIdentity> identity_; // of the file at path_, once opened
    std::vector<ArchiveMember> members_;
};

} // namespace cppvenv
