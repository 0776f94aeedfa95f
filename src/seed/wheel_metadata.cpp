#include "seed/wheel_metadata.hpp"

#include <algorithm>
#include <cctype>

namespace cppvenv {

namespace {

std::string_view trimmed(std::string_view text) {
    const char* space = " \t\r";
    const size_t begin = std::min(text.find_first_not_of(space), text.size());
    const size_t end = text.find_last_not_of(space);
    return end == std::string_view::npos ? std::string_view() : text.substr(begin, end - begin + 1);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

bool wheel_root_is_purelib(std::string_view wheel_metadata) {
    while (!wheel_metadata.empty()) {
        const size_t end = std::min(wheel_metadata.find('\n'), wheel_metadata.size());
        const std::string_view line = wheel_metadata.substr(0, end);
        wheel_metadata.remove_prefix(std::min(end + 1, wheel_metadata.size()));
        if (trimmed(line).empty()) {
            break; // the headers end at the first empty line
        }
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos &&
            equals_ignoring_case(trimmed(line.substr(0, colon)), "Root-Is-Purelib")) {
            return equals_ignoring_case(trimmed(line.substr(colon + 1)), "true");
        }
    }
    return true;
}

} // namespace cppvenv
