// WheelArchive on zips made here: deflated members are inflated whole by
// libdeflate, large and stored ones stream through libzip, and damage to the
// compressed bytes or the recorded CRC is refused on either path.
#include "catch_compat.hpp"
#include "seed/wheel_archive.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <zip.h>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

namespace {

void put_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path.string(), std::ios::binary | std::ios::trunc) << bytes;
}

void put_16(std::string& out, unsigned value) {
    out += static_cast<char>(value & 0xff);
    out += static_cast<char>((value >> 8) & 0xff);
}

void put_32(std::string& out, std::uint32_t value) {
    put_16(out, value & 0xffff);
    put_16(out, value >> 16);
}

// A zip of one deflated member whose compressed bytes are exactly `raw`, as
// another zip writer might have made them (libzip would compress on its own).
void write_raw_deflated_zip(const fs::path& path, const std::string& name, const std::string& raw,
                            std::uint32_t crc, std::uint32_t size) {
    const auto sizes_and_name = [&](std::string& out) {
        put_32(out, crc);
        put_32(out, static_cast<std::uint32_t>(raw.size()));
        put_32(out, size);
        put_16(out, static_cast<unsigned>(name.size()));
        put_16(out, 0); // no extra field
    };
    std::string zip = "PK\3\4";
    put_16(zip, 20);       // version needed: 2.0
    put_16(zip, 0);        // flags
    put_16(zip, 8);        // deflated
    put_32(zip, 0x210000); // 1980-01-01 00:00
    sizes_and_name(zip);
    zip += name + raw;
    const size_t central = zip.size();
    zip += "PK\1\2";
    put_16(zip, 0x031e); // made by: Unix, 3.0
    put_16(zip, 20);
    put_16(zip, 0);
    put_16(zip, 8);
    put_32(zip, 0x210000);
    sizes_and_name(zip);
    put_16(zip, 0);              // no comment
    put_16(zip, 0);              // disk 0
    put_16(zip, 0);              // internal attributes
    put_32(zip, 0100644u << 16); // a regular file, rw-r--r--
    put_32(zip, 0);              // its local header's offset
    zip += name;
    const size_t end = zip.size();
    zip += "PK\5\6";
    put_16(zip, 0);
    put_16(zip, 0);
    put_16(zip, 1);
    put_16(zip, 1);
    put_32(zip, static_cast<std::uint32_t>(end - central));
    put_32(zip, static_cast<std::uint32_t>(central));
    put_16(zip, 0);
    put_bytes(path, zip);
}

struct Entry {
    std::string name;
    std::string contents;
    bool deflate = true;
};

void write_zip(const fs::path& path, const std::vector<Entry>& entries) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    for (const Entry& entry : entries) {
        zip_source_t* source =
            zip_source_buffer(archive, entry.contents.data(), entry.contents.size(), 0);
        const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, 0);
        REQUIRE(index >= 0);
        REQUIRE(zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                         entry.deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) == 0);
    }
    REQUIRE(zip_close(archive) == 0);
}

std::string bytes_of(const fs::path& path) {
    std::ifstream in(path.string(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Where `signature` is followed, `name_offset` bytes on, by `name`.
size_t header_of(const std::string& zip, const char* signature, size_t name_offset,
                 const std::string& name) {
    for (size_t at = zip.find(signature); at != std::string::npos;
         at = zip.find(signature, at + 1)) {
        if (zip.compare(at + name_offset, name.size(), name) == 0) {
            return at;
        }
    }
    FAIL("no header for " << name);
    return 0;
}

unsigned little_endian_16(const std::string& bytes, size_t at) {
    return static_cast<unsigned char>(bytes[at]) |
           static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 8;
}

// Flips every bit of the middle byte of the member's compressed data.
void damage_data(const fs::path& path, const std::string& name) {
    std::string zip = bytes_of(path);
    const size_t local = header_of(zip, "PK\3\4", 30, name);
    const size_t data =
        local + 30 + little_endian_16(zip, local + 26) + little_endian_16(zip, local + 28);
    const size_t compressed_size = little_endian_16(zip, header_of(zip, "PK\1\2", 46, name) + 20);
    zip[data + compressed_size / 2] = static_cast<char>(~zip[data + compressed_size / 2]);
    put_bytes(path, zip);
}

// Changes the CRC-32 the central directory records for the member.
void damage_crc(const fs::path& path, const std::string& name) {
    std::string zip = bytes_of(path);
    const size_t central = header_of(zip, "PK\1\2", 46, name);
    zip[central + 16] = static_cast<char>(zip[central + 16] ^ 0x5a);
    put_bytes(path, zip);
}

// Text that deflates, about 5 MiB of it: more than WheelArchive inflates whole.
std::string large_text() {
    std::string text;
    for (int line = 0; text.size() < 5 * 1024 * 1024; ++line) {
        text += "line " + std::to_string(line * 7919 % 100003) + " of a large member\n";
    }
    return text;
}

std::vector<std::string> chunks_of(const WheelArchive& archive, const std::string& name) {
    std::vector<std::string> chunks;
    archive.read(*archive.find(name), [&](std::string_view chunk) { chunks.emplace_back(chunk); });
    return chunks;
}

std::string joined(const std::vector<std::string>& chunks) {
    std::string all;
    for (const std::string& chunk : chunks) {
        all += chunk;
    }
    return all;
}

} // namespace

TEST_CASE("a wheel's members read back exactly: deflated, stored, empty and large") {
    TemporaryDirectory dir;
    const fs::path zip = dir.path() / "demo.whl";
    const std::string small = "print('hello')\n" + std::string(300, 'x');
    const std::string large = large_text();
    write_zip(zip, {{"small.py", small},
                    {"stored.txt", "kept as it is\n", false},
                    {"empty.py", ""},
                    {"large.txt", large}});
    const WheelArchive archive(zip);

    CHECK(archive.find("small.py")->is_deflated);
    CHECK_FALSE(archive.find("stored.txt")->is_deflated);
    // A small deflated member comes in one chunk (inflated whole)...
    const std::vector<std::string> small_chunks = chunks_of(archive, "small.py");
    CHECK(small_chunks.size() == 1);
    CHECK(joined(small_chunks) == small);
    // ...a large one in many, so memory stays bounded.
    const std::vector<std::string> large_chunks = chunks_of(archive, "large.txt");
    CHECK(large_chunks.size() > 1);
    CHECK(joined(large_chunks) == large);
    CHECK(archive.read_all(*archive.find("stored.txt")) == "kept as it is\n");
    CHECK(archive.read_all(*archive.find("empty.py")).empty());
    // The buffers kept between members hold nothing of an earlier one.
    CHECK(archive.read_all(*archive.find("small.py")) == small);
}

TEST_CASE("a member whose compressed bytes are damaged is refused, inflated whole or not") {
    TemporaryDirectory dir;
    const fs::path zip = dir.path() / "demo.whl";
    write_zip(zip, {{"small.py", "print('hello')\n" + std::string(3000, 'y') + "end\n"},
                    {"large.txt", large_text()}});
    damage_data(zip, "small.py");
    damage_data(zip, "large.txt");
    const WheelArchive archive(zip);
    // libdeflate refuses it, and so does libzip's zlib, whose words are given.
    CHECK_THROWS_WITH(archive.read_all(*archive.find("small.py")), Catch::Contains("small.py"));
    CHECK_THROWS_WITH(archive.read_all(*archive.find("large.txt")), Catch::Contains("large.txt"));
}

TEST_CASE("a member whose bytes do not match its recorded CRC-32 is refused") {
    TemporaryDirectory dir;
    const fs::path zip = dir.path() / "demo.whl";
    write_zip(zip, {{"small.py", "print('hello')\n"}, {"large.txt", large_text()}});
    damage_crc(zip, "small.py");
    damage_crc(zip, "large.txt");
    const WheelArchive archive(zip);
    CHECK_THROWS_WITH(archive.read_all(*archive.find("small.py")),
                      Catch::Contains("small.py is corrupt (CRC error)"));
    // Streamed through libzip, which checks the CRC-32 as it reads.
    CHECK_THROWS_WITH(archive.read_all(*archive.find("large.txt")),
                      Catch::Contains("large.txt") && Catch::Contains("CRC error"));
}

TEST_CASE("deflate data libdeflate refuses but zlib and pip read is still read, through libzip") {
    TemporaryDirectory dir;
    // An empty member stored with no compressed bytes at all.
    const fs::path empty = dir.path() / "empty.whl";
    write_raw_deflated_zip(empty, "empty.py", "", 0, 0);
    const WheelArchive empty_archive(empty);
    REQUIRE(empty_archive.find("empty.py")->is_deflated);
    CHECK(empty_archive.read_all(*empty_archive.find("empty.py")).empty());

    // A stream that was sync-flushed but never given its final block: Python's
    // zlib.compressobj(9, DEFLATED, -15) after compress(b"hello, sync flush\n")
    // and flush(Z_SYNC_FLUSH).
    const std::string text = "hello, sync flush\n";
    const unsigned char flushed[] = {0xca, 0x48, 0xcd, 0xc9, 0xc9, 0xd7, 0x51, 0x28,
                                     0xae, 0xcc, 0x4b, 0x56, 0x48, 0xcb, 0x29, 0x2d,
                                     0xce, 0xe0, 0x02, 0x00, 0x00, 0x00, 0xff, 0xff};
    const fs::path unfinished = dir.path() / "unfinished.whl";
    write_raw_deflated_zip(unfinished, "hello.txt",
                           std::string(reinterpret_cast<const char*>(flushed), sizeof flushed),
                           0xcff214bd, static_cast<std::uint32_t>(text.size()));
    const WheelArchive unfinished_archive(unfinished);
    CHECK(unfinished_archive.read_all(*unfinished_archive.find("hello.txt")) == text);
}
