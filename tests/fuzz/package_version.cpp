// Versions from .dist-info folder names: any text compares, equal to itself, and
// in opposite directions against a few fixed versions when swapped.
#include "util/package_version.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (cppvenv::compare_versions(text, text) != 0) {
        std::abort();
    }
    for (std::string_view other : {"0", "1.0rc1", "1.0", "1.0.post1", "1!0", "not a version"}) {
        if (cppvenv::compare_versions(text, other) != -cppvenv::compare_versions(other, text)) {
            std::abort();
        }
    }
    return 0;
}
