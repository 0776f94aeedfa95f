// Names found in a seed folder and Requires-Python texts from its wheels: any
// text parses or is refused without a crash; a parsed wheel name's own
// .dist-info matches it; a specifier set answers the same twice.
#include "seed/requires_python.hpp"
#include "seed/wheel_filename.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto wheel = cppvenv::parse_wheel_filename(text)) {
        cppvenv::is_pure_python_wheel_for(*wheel, "cpython", 3, 12);
        const std::string own = wheel->distribution + "-" + wheel->version + ".dist-info";
        if (wheel->distribution.find('-') == std::string::npos &&
            !cppvenv::dist_info_matches(own, *wheel)) {
            std::abort();
        }
    }
    cppvenv::normalized_project_name(text);
    if (cppvenv::python_satisfies(text, "3.11.2") != cppvenv::python_satisfies(text, "3.11.2")) {
        std::abort();
    }
    return 0;
}
