#include "util/json_byte_strings.hpp"

#include "util/utf8.hpp"

#include <vector>

namespace cppvenv {
using nlohmann::json;

namespace {

const char* const bytes_key = "bytes";

bool is_bytes_object(const json& value) {
    return value.is_object() && value.size() == 1 && value.contains(bytes_key) &&
           value.at(bytes_key).is_string();
}

// Calls `change(value)` on every value in `document`, parents before children,
// with a stack of its own: a deeply nested document cannot exhaust the C++ one.
template <typename Change> void change_each_value(json& document, Change change) {
    std::vector<json*> pending = {&document};
    while (!pending.empty()) {
        json& value = *pending.back();
        pending.pop_back();
        change(value);
        if (value.is_structured()) {
            for (json& child : value) {
                pending.push_back(&child);
            }
        }
    }
}

} // namespace

json with_byte_strings_encoded(json document) {
    change_each_value(document, [](json& value) {
        if (value.is_string() && !is_valid_utf8(value.get_ref<const std::string&>())) {
            value = json{{bytes_key, hex_of_bytes(value.get_ref<const std::string&>())}};
        }
    });
    return document;
}

json with_byte_strings_decoded(json document) {
    change_each_value(document, [](json& value) {
        if (is_bytes_object(value)) {
            if (std::optional<std::string> bytes =
                    bytes_of_hex(value.at(bytes_key).get_ref<const std::string&>())) {
                value = *bytes;
            }
        }
    });
    return document;
}

} // namespace cppvenv
