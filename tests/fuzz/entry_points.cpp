// .dist-info/entry_points.txt: launchers to write, or an Error naming the file;
// every launcher renders for a plain and for a long, spaced python path.
#include "seed/console_scripts.hpp"
#include "util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        for (const cppvenv::ConsoleScript& script : cppvenv::console_scripts_from_entry_points(
                 std::string_view(reinterpret_cast<const char*>(data), size), 3, 12,
                 "fuzz/entry_points.txt")) {
            cppvenv::render_console_script(script, "/venv/bin/python3.12");
            cppvenv::render_console_script(script, "/a folder/with spaces/bin/python3.12");
        }
    } catch (const cppvenv::Error&) {
    }
    return 0;
}
