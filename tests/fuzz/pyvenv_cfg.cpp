// pyvenv.cfg as info, check and list read it: any bytes give a VenvConfig.
#include "venv/pyvenv_cfg.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const cppvenv::VenvConfig config = cppvenv::parse_venv_config(text);
    cppvenv::python_string_repr(config.prompt.value_or(""));
    return 0;
}
