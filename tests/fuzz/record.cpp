// .dist-info/RECORD: rows or an Error naming the file, nothing else.
#include "seed/wheel_record.hpp"
#include "util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        cppvenv::format_record(cppvenv::parse_record(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz/RECORD"));
    } catch (const cppvenv::Error&) {
    }
    return 0;
}
