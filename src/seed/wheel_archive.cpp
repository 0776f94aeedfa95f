// Read-only access to a wheel (a zip) through libzip.
#include "seed/wheel_archive.hpp"

#include "seed/seed_libraries.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace cppvenv {

namespace {

constexpr std::uint8_t unix_host_system = 3; // "made by" value for Unix

// Members up to this size are inflated whole by libdeflate; larger ones stream
// through libzip's zlib, so memory stays bounded whatever a wheel holds.
constexpr std::uint64_t whole_member_limit = 4 * 1024 * 1024;

std::string zip_error_text(int code) {
    zip_error_t error;
    zip_library().zip_error_init_with_code(&error, code);
    std::string text = zip_library().zip_error_strerror(&error);
    zip_library().zip_error_fini(&error);
    return text;
}

ArchiveMember describe_member(zip_t* archive, zip_uint64_t index, const std::string& wheel) {
    zip_stat_t stat;
    zip_library().zip_stat_init(&stat);
    if (zip_library().zip_stat_index(archive, index, 0, &stat) != 0 ||
        (stat.valid & ZIP_STAT_NAME) == 0) {
        throw Error(fmt::format("{}: cannot read member {}: {}", wheel, index,
                                zip_library().zip_strerror(archive)));
    }
    ArchiveMember member;
    member.index = index;
    member.name = stat.name;
    member.size = (stat.valid & ZIP_STAT_SIZE) != 0 ? stat.size : 0;
    member.is_directory = !member.name.empty() && member.name.back() == '/';
    constexpr zip_uint64_t inflate_needs = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
                                           ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
                                           ZIP_STAT_ENCRYPTION_METHOD;
    member.is_deflated = (stat.valid & inflate_needs) == inflate_needs &&
                         stat.comp_method == ZIP_CM_DEFLATE &&
                         stat.encryption_method == ZIP_EM_NONE;
    member.compressed_size = member.is_deflated ? stat.comp_size : 0;
    member.crc = member.is_deflated ? stat.crc : 0;
    zip_uint8_t system = 0;
    zip_uint32_t attributes = 0;
    if (zip_library().zip_file_get_external_attributes(archive, index, 0, &system, &attributes) ==
            0 &&
        system == unix_host_system) {
        const unsigned mode = attributes >> 16;
        member.is_symlink = (mode & 0170000) == 0120000; // S_ISLNK, on any OS
        member.is_executable = (mode & 0111) != 0 && !member.is_symlink;
    }
    return member;
}

} // namespace

ArchiveReader::ArchiveReader(const boost::filesystem::path& path) : path_(path) {
    int error_code = 0;
#ifdef _WIN32
    // By its wide path, so a name outside the ANSI code page opens too.
    const ZipLibrary& zip = zip_library();
    zip_error_t error;
    zip.zip_error_init_with_code(&error, ZIP_ER_OK);
    zip_source_t* source = zip.zip_source_win32w_create(path.wstring().c_str(), 0, -1, &error);
    archive_ = source == nullptr ? nullptr : zip.zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive_ == nullptr) {
        if (source != nullptr) {
            zip.zip_source_free(source);
        }
        error_code = zip.zip_error_code_zip(&error);
    }
    zip.zip_error_fini(&error);
#else
    archive_ = zip_library().zip_open(path.string().c_str(), ZIP_RDONLY, &error_code);
#endif
    if (archive_ == nullptr) {
        throw Error(
            fmt::format("cannot open the wheel {}: {}", path.string(), zip_error_text(error_code)));
    }
}

ArchiveReader::~ArchiveReader() {
    zip_library().zip_discard(archive_);
    if (decompressor_ != nullptr) {
        deflate_library().libdeflate_free_decompressor(decompressor_);
    }
}

WheelArchive::WheelArchive(const boost::filesystem::path& path)
    : path_(path), reader_(path), identity_(platform::file_identity(path)) {
    zip* const archive = reader_.handle();
    const zip_int64_t count = zip_library().zip_get_num_entries(archive, 0);
    members_.reserve(count > 0 ? static_cast<size_t>(count) : 0);
    for (zip_int64_t index = 0; index < count; ++index) {
        members_.push_back(
            describe_member(archive, static_cast<zip_uint64_t>(index), path.string()));
    }
}

char* ArchiveReader::Buffer::reserve(std::size_t size) {
    if (capacity < size || data == nullptr) {
        data.reset(new char[size == 0 ? 1 : size]);
        capacity = size;
    }
    return data.get();
}

void ArchiveReader::read(const ArchiveMember& member,
                         const std::function<void(std::string_view chunk)>& sink) const {
    if (member.is_deflated && member.size <= whole_member_limit &&
        member.compressed_size <= whole_member_limit) {
        if (const std::optional<std::string_view> inflated = inflate_whole(member)) {
            sink(*inflated);
            return;
        }
    }
    stream(member, sink);
}

// The compressed bytes whole from libzip, inflated in one call: about twice as
// fast as zlib through zip_fread, with libdeflate's CRC-32 in place of libzip's.
// nullopt where libdeflate does not take the data (zlib, and pip, also read a
// deflate stream with no final block, or no bytes at all for an empty member):
// read() then streams the member through libzip, whose verdict is the one given.
std::optional<std::string_view> ArchiveReader::inflate_whole(const ArchiveMember& member) const {
    const DeflateLibrary& deflate = deflate_library();
    if (decompressor_ == nullptr) {
        decompressor_ = deflate.libdeflate_alloc_decompressor();
        if (decompressor_ == nullptr) {
            throw Error(
                fmt::format("{}: cannot read {}: out of memory", path_.string(), member.name));
        }
    }
    // Both buffers before the member is opened: nothing can throw while it is.
    char* compressed = compressed_.reserve(member.compressed_size);
    char* inflated = inflated_.reserve(member.size);
    zip_file_t* file = zip_library().zip_fopen_index(archive_, member.index, ZIP_FL_COMPRESSED);
    if (file == nullptr) {
        return std::nullopt;
    }
    std::uint64_t got = 0;
    while (got < member.compressed_size) {
        const zip_int64_t count =
            zip_library().zip_fread(file, compressed + got, member.compressed_size - got);
        if (count <= 0) {
            break;
        }
        got += static_cast<std::uint64_t>(count);
    }
    zip_library().zip_fclose(file);
    std::size_t inflated_size = 0;
    if (got != member.compressed_size ||
        deflate.libdeflate_deflate_decompress(decompressor_, compressed, got, inflated, member.size,
                                              &inflated_size) != LIBDEFLATE_SUCCESS ||
        inflated_size != member.size) {
        return std::nullopt;
    }
    if (deflate.libdeflate_crc32(0, inflated, inflated_size) != member.crc) {
        throw Error(fmt::format("{}: {} is corrupt (CRC error)", path_.string(), member.name));
    }
    return std::string_view(inflated, inflated_size);
}

void ArchiveReader::stream(const ArchiveMember& member,
                           const std::function<void(std::string_view chunk)>& sink) const {
    zip_file_t* file = zip_library().zip_fopen_index(archive_, member.index, 0);
    if (file == nullptr) {
        throw Error(fmt::format("{}: cannot read {}: {}", path_.string(), member.name,
                                zip_library().zip_strerror(archive_)));
    }
    char buffer[64 * 1024];
    std::uint64_t total = 0;
    for (;;) {
        const zip_int64_t count = zip_library().zip_fread(file, buffer, sizeof buffer);
        if (count < 0) {
            std::string reason = zip_library().zip_file_strerror(file);
            zip_library().zip_fclose(file);
            throw Error(fmt::format("{}: cannot read {}: {}", path_.string(), member.name, reason));
        }
        if (count == 0) {
            break;
        }
        total += static_cast<std::uint64_t>(count);
        if (total > member.size) { // no byte past the size its listing gave it
            zip_library().zip_fclose(file);
            throw Error(fmt::format("{}: {} is corrupt (wrong size)", path_.string(), member.name));
        }
        try {
            sink(std::string_view(buffer, static_cast<size_t>(count)));
        } catch (...) {
            zip_library().zip_fclose(file);
            throw;
        }
    }
    // zip_fclose reports a CRC mismatch of the member's data.
    const int close_code = zip_library().zip_fclose(file);
    if (close_code != 0 || total != member.size) {
        throw Error(fmt::format("{}: {} is corrupt ({})", path_.string(), member.name,
                                close_code != 0 ? zip_error_text(close_code) : "wrong size"));
    }
}

std::unique_ptr<ArchiveReader> WheelArchive::another_reader() const {
    const auto still_the_same = [this] {
        if (!platform::same_file(platform::file_identity(path_), identity_)) {
            throw Error(fmt::format("{} changed since it was opened", path_.string()));
        }
    };
    still_the_same();
    auto reader = std::make_unique<ArchiveReader>(path_);
    still_the_same(); // the same before and after: the one opened
    return reader;
}

std::string WheelArchive::read_all(const ArchiveMember& member) const {
    std::string contents;
    contents.reserve(member.size);
    read(member, [&](std::string_view chunk) { contents.append(chunk); });
    return contents;
}

const ArchiveMember* WheelSource::find(std::string_view name) const {
    for (const ArchiveMember& member : members()) {
        if (member.name == name) {
            return &member;
        }
    }
    return nullptr;
}

} // namespace cppvenv
