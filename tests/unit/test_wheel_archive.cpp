// WheelArchive on zips made here: deflated members are inflated whole by
// libdeflate, large and stored ones stream through libzip, and damage to the
// compressed bytes or the recorded CRC is refused on either path.
#include "catch_compat.hpp"
#include "seed/wheel_archive.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <cstring>
#include <fstream>
#include <iterator>
#include <zip.h>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

namespace {

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

void put_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path.string(), std::ios::binary | std::ios::trunc) << bytes;
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
    CHECK_THROWS_WITH(archive.read_all(*archive.find("small.py")),
                      Catch::Contains("small.py is corrupt"));
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
