// .dist-info/METADATA (and PKG-INFO): a name and version, never an exception.
#include "venv/installed_distributions.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cppvenv::parse_distribution_metadata(
        std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
