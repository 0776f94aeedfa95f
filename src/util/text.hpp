#pragma once
// Small text helpers C++17's std::string_view lacks.

#include <algorithm>
#include <cctype>
#include <cstring>
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

// `path` names something inside `folder` ('/'-separated): "a/b" is below "a".
inline bool is_below(std::string_view path, std::string_view folder) {
    return path.size() > folder.size() + 1 && starts_with(path, folder) &&
           path[folder.size()] == '/';
}

// Whether `path` stays inside the folder it is relative to: '/'-separated parts,
// none empty, "." or "..", and no backslash or NUL anywhere (both searched for
// over the whole path at once, with memchr).
inline bool is_plain_relative_path(std::string_view path) {
    if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
        return false;
    }
    for (std::string_view::size_type start = 0;;) {
        const std::string_view::size_type end = path.find('/', start);
        const std::string_view part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") {
            return false;
        }
        if (end == std::string_view::npos) {
            return true;
        }
        start = end + 1;
    }
}

// Whether any of `characters` (a handful) is in `text`: one memchr for each of
// them, where find_first_of calls memchr once for every character of `text`.
inline bool contains_any_of(std::string_view text, std::string_view characters) {
    return std::any_of(characters.begin(), characters.end(), [text](char c) {
        return std::memchr(text.data(), c, text.size()) != nullptr;
    });
}

inline bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// `text` without the spaces, tabs and carriage returns around it.
inline std::string_view trimmed(std::string_view text) {
    const char* blank = " \t\r";
    const size_t first = text.find_first_not_of(blank);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(blank) - first + 1);
}

// The text before the first line end; a program's text-mode output on Windows
// ends its lines with "\r\n", and the '\r' is not part of the line.
inline std::string_view first_line(std::string_view text) {
    std::string_view line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

} // namespace cppvenv
