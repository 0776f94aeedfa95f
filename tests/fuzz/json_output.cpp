// --json output: any bytes in a string give valid JSON, and the "<name>_bytes"
// member gives back exactly those bytes.
#include "cli/json_output.hpp"

#include "util/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const nlohmann::ordered_json document = {{"path", bytes}, {"list", {bytes}}};
    const nlohmann::json printed = nlohmann::json::parse(cppvenv::json_output_text(document));
    const std::string shown = printed.at("path").get<std::string>();
    if (!cppvenv::is_valid_utf8(shown) || printed.at("list").at(0) != shown) {
        std::abort();
    }
    const std::string exact =
        printed.contains("path_bytes")
            ? *cppvenv::bytes_of_hex(printed.at("path_bytes").get<std::string>())
            : shown;
    if (exact != bytes || printed.contains("path_bytes") == cppvenv::is_valid_utf8(bytes)) {
        std::abort();
    }
    return 0;
}
