// .dist-info/RECORD: rows or an Error naming the file, nothing else.
#include "seed/wheel_record.hpp"
#include "util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        cppvenv::RecordText record(std::string(reinterpret_cast<const char*>(data), size));
        std::vector<cppvenv::RecordEntry> entries;
        for (const cppvenv::RecordRow& row : record.rows("fuzz/RECORD")) {
            entries.push_back({row.path, row.hash, row.size.size()});
        }
        std::size_t written = 0;
        cppvenv::write_record(entries,
                              [&written](std::string_view piece) { written += piece.size(); });
    } catch (const cppvenv::Error&) {
    }
    return 0;
}
