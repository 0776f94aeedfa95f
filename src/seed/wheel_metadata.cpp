#include "seed/wheel_metadata.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <cctype>

namespace cppvenv {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::optional<std::string> metadata_header(std::string_view metadata, std::string_view name) {
    while (!metadata.empty()) {
        const size_t end = std::min(metadata.find('\n'), metadata.size());
        const std::string_view line = metadata.substr(0, end);
        metadata.remove_prefix(std::min(end + 1, metadata.size()));
        if (trimmed(line).empty()) {
            break; // the headers end at the first empty line
        }
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos &&
            equals_ignoring_case(trimmed(line.substr(0, colon)), name)) {
            return std::string(trimmed(line.substr(colon + 1)));
        }
    }
    return std::nullopt;
}

bool wheel_root_is_purelib(std::string_view wheel_metadata) {
    const std::optional<std::string> value = metadata_header(wheel_metadata, "Root-Is-Purelib");
    return !value || equals_ignoring_case(*value, "true");
}

} // namespace cppvenv
