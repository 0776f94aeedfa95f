// Console scripts on Windows: launcher program + shebang + zip of __main__.py.
#include "seed/windows_launchers.hpp"

#include "util/error.hpp"

#include <array>
#include <cstdint>
#include <fmt/format.h>

namespace cppvenv {

namespace {

// The CRC-32 of zip (and zlib), a byte at a time from a 256-entry table.
std::uint32_t crc32_of(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> entries{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t value = n;
            for (int bit = 0; bit < 8; ++bit) {
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            }
            entries[n] = value;
        }
        return entries;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char byte : bytes) {
        crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFu;
}

void append_little_endian(std::string& out, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        out += static_cast<char>(value >> (8 * i) & 0xFF);
    }
}

} // namespace

std::string zip_of_one_file(std::string_view name, std::string_view contents) {
    if (contents.size() >= 0xFFFFFFFFu || name.size() > 0xFFFF) {
        throw Error(fmt::format("{} is too large for a launcher's archive", name));
    }
    const std::uint32_t crc = crc32_of(contents);
    const auto size = static_cast<std::uint32_t>(contents.size());
    const auto name_size = static_cast<std::uint32_t>(name.size());
    // Fields shared by the local header and the central directory entry:
    // version needed 2.0, no flags, stored, time and date 1980-01-01 00:00
    // (reproducible output), CRC, sizes, name length, no extra field.
    auto common = [&](std::string& out) {
        append_little_endian(out, 20, 2);
        append_little_endian(out, 0, 2);
        append_little_endian(out, 0, 2);
        append_little_endian(out, 0, 2);
        append_little_endian(out, 0x21, 2);
        append_little_endian(out, crc, 4);
        append_little_endian(out, size, 4);
        append_little_endian(out, size, 4);
        append_little_endian(out, name_size, 2);
        append_little_endian(out, 0, 2);
    };
    std::string zip;
    append_little_endian(zip, 0x04034b50, 4); // local file header
    common(zip);
    zip.append(name);
    zip.append(contents);
    const auto directory_offset = static_cast<std::uint32_t>(zip.size());
    append_little_endian(zip, 0x02014b50, 4); // central directory entry
    append_little_endian(zip, 20, 2);         // made by: MS-DOS, 2.0
    common(zip);
    append_little_endian(zip, 0, 2); // comment length
    append_little_endian(zip, 0, 2); // disk
    append_little_endian(zip, 0, 2); // internal attributes
    append_little_endian(zip, 0, 4); // external attributes
    append_little_endian(zip, 0, 4); // offset of the local header
    zip.append(name);
    const auto directory_size = static_cast<std::uint32_t>(zip.size()) - directory_offset;
    append_little_endian(zip, 0x06054b50, 4); // end of central directory
    append_little_endian(zip, 0, 2);
    append_little_endian(zip, 0, 2);
    append_little_endian(zip, 1, 2);
    append_little_endian(zip, 1, 2);
    append_little_endian(zip, directory_size, 4);
    append_little_endian(zip, directory_offset, 4);
    append_little_endian(zip, 0, 2); // comment length
    return zip;
}

std::string render_windows_console_launcher(const ConsoleScript& script, std::string_view python,
                                            std::string_view launcher) {
    if (python.find_first_of("\"\r\n") != std::string_view::npos) {
        throw Error(fmt::format("cannot write a launcher for the interpreter path {}: it holds a "
                                "quote or a line end",
                                python));
    }
    // Quoted always, so a path with spaces is one word for the launcher.
    return std::string(launcher) + fmt::format("#!\"{}\"\r\n", python) +
           zip_of_one_file("__main__.py", console_script_body(script));
}

} // namespace cppvenv
