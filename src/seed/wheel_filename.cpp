// A wheel's file name, parsed strictly (see wheel_filename.hpp).
#include "seed/wheel_filename.hpp"

#include "util/package_version.hpp"

#include <algorithm>

namespace cppvenv {

namespace {

bool is_letter_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_field_character(char c) {
    return is_letter_or_digit(c) || c == '_' || c == '.';
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t end = text.find(separator, start);
        parts.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

// A compressed tag set ("py2.py3"): no part empty.
std::optional<std::vector<std::string>> tag_set(const std::string& field) {
    std::vector<std::string> tags = split(field, '.');
    if (std::any_of(tags.begin(), tags.end(), [](const std::string& tag) { return tag.empty(); })) {
        return std::nullopt;
    }
    return tags;
}

bool contains(const std::vector<std::string>& tags, const std::string& tag) {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

} // namespace

std::optional<WheelFilename> parse_wheel_filename(std::string_view file_name) {
    const std::string_view suffix = ".whl";
    if (file_name.size() <= suffix.size() ||
        file_name.substr(file_name.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    const std::string_view stem = file_name.substr(0, file_name.size() - suffix.size());
    if (!std::all_of(stem.begin(), stem.end(),
                     [](char c) { return is_field_character(c) || c == '-'; })) {
        return std::nullopt;
    }
    const std::vector<std::string> fields = split(stem, '-');
    if (fields.size() != 5 && fields.size() != 6) {
        return std::nullopt;
    }
    WheelFilename wheel;
    wheel.distribution = fields[0];
    wheel.version = fields[1];
    if (fields.size() == 6) {
        wheel.build_tag = fields[2];
        if (wheel.build_tag.empty() || wheel.build_tag[0] < '0' || wheel.build_tag[0] > '9') {
            return std::nullopt;
        }
    }
    const std::string& name = wheel.distribution;
    if (name.empty() || !is_letter_or_digit(name.front()) || !is_letter_or_digit(name.back()) ||
        !parse_package_version(wheel.version)) {
        return std::nullopt;
    }
    const size_t tags_at = fields.size() - 3;
    auto python = tag_set(fields[tags_at]);
    auto abi = tag_set(fields[tags_at + 1]);
    auto platform = tag_set(fields[tags_at + 2]);
    if (!python || !abi || !platform) {
        return std::nullopt;
    }
    wheel.python_tags = std::move(*python);
    wheel.abi_tags = std::move(*abi);
    wheel.platform_tags = std::move(*platform);
    return wheel;
}

int compare_build_tags(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) {
        return a.empty() == b.empty() ? 0 : a.empty() ? -1 : 1;
    }
    // The leading digits as a number of any length: without leading zeros, a
    // longer run is the larger number.
    const auto split_number = [](std::string_view tag) {
        const std::size_t digits =
            std::find_if(tag.begin(), tag.end(), [](char c) { return c < '0' || c > '9'; }) -
            tag.begin();
        std::string_view number = tag.substr(0, digits);
        while (number.size() > 1 && number.front() == '0') {
            number.remove_prefix(1);
        }
        return std::make_pair(number, tag.substr(digits));
    };
    const auto [number_a, rest_a] = split_number(a);
    const auto [number_b, rest_b] = split_number(b);
    if (number_a.size() != number_b.size()) {
        return number_a.size() < number_b.size() ? -1 : 1;
    }
    const int numbers = number_a.compare(number_b);
    const int order = numbers != 0 ? numbers : rest_a.compare(rest_b);
    return order < 0 ? -1 : order > 0 ? 1 : 0;
}

std::string normalized_project_name(std::string_view name) {
    std::string normalized;
    bool in_separator_run = false;
    for (char c : name) {
        if (c == '-' || c == '_' || c == '.') {
            if (!in_separator_run) {
                normalized += '-';
            }
            in_separator_run = true;
            continue;
        }
        in_separator_run = false;
        normalized += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return normalized;
}

bool is_pure_python_wheel_for(const WheelFilename& wheel, const std::string& implementation,
                              int major, int minor) {
    if (!contains(wheel.abi_tags, "none") || !contains(wheel.platform_tags, "any")) {
        return false;
    }
    const std::string major_text = std::to_string(major);
    if (contains(wheel.python_tags, "py" + major_text)) {
        return true;
    }
    for (int older = 0; older <= minor; ++older) {
        if (contains(wheel.python_tags, "py" + major_text + std::to_string(older))) {
            return true;
        }
    }
    // An interpreter tag names that implementation's exact version only.
    const char* prefix = implementation == "cpython" ? "cp"
                         : implementation == "pypy"  ? "pp"
                                                     : nullptr;
    return prefix != nullptr &&
           contains(wheel.python_tags, prefix + major_text + std::to_string(minor));
}

bool dist_info_matches(const std::string& dist_info_dir, const WheelFilename& wheel) {
    const std::string suffix = ".dist-info";
    if (dist_info_dir.size() <= suffix.size() ||
        dist_info_dir.compare(dist_info_dir.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return false;
    }
    const std::string stem = dist_info_dir.substr(0, dist_info_dir.size() - suffix.size());
    // The name may hold no '-' (it is escaped to '_'), so the version follows the first one.
    const size_t dash = stem.find('-');
    if (dash == std::string::npos) {
        return false;
    }
    const std::optional<PackageVersion> inside = parse_package_version(stem.substr(dash + 1));
    const std::optional<PackageVersion> outside = parse_package_version(wheel.version);
    return inside && outside && compare_package_versions(*inside, *outside) == 0 &&
           normalized_project_name(stem.substr(0, dash)) ==
               normalized_project_name(wheel.distribution);
}

} // namespace cppvenv
