#include "cli/json_output.hpp"

#include "util/utf8.hpp"

namespace cppvenv {
using nlohmann::ordered_json;

namespace {

bool is_undecodable_string(const ordered_json& value) {
    return value.is_string() && !is_valid_utf8(value.get_ref<const std::string&>());
}

ordered_json with_valid_strings(const ordered_json& value) {
    if (is_undecodable_string(value)) {
        return with_invalid_utf8_replaced(value.get_ref<const std::string&>());
    }
    if (value.is_array()) {
        ordered_json array = ordered_json::array();
        for (const ordered_json& item : value) {
            array.push_back(with_valid_strings(item));
        }
        return array;
    }
    if (value.is_object()) {
        ordered_json object = ordered_json::object();
        for (const auto& [name, member] : value.items()) {
            object[with_invalid_utf8_replaced(name)] = with_valid_strings(member);
            if (is_undecodable_string(member)) {
                object[with_invalid_utf8_replaced(name) + "_bytes"] =
                    hex_of_bytes(member.get_ref<const std::string&>());
            }
        }
        return object;
    }
    return value;
}

} // namespace

std::string json_output_text(const nlohmann::ordered_json& document) {
    return with_valid_strings(document).dump(2);
}

} // namespace cppvenv
