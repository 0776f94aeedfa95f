#pragma once
// Small text helpers C++17's std::string_view lacks.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace cppvenv {

// ASCII lower case; other bytes unchanged.
inline std::string lowercase(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

inline bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

inline bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace cppvenv
