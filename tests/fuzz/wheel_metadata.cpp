// .dist-info/WHEEL: any bytes are a WHEEL file, with or without Root-Is-Purelib.
#include "seed/wheel_metadata.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cppvenv::wheel_root_is_purelib(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
