// TargetPath: a path on the venv's platform, with that platform's separator.
#include "util/target_path.hpp"

namespace cppvenv {

TargetPath::TargetPath(std::string text, Platform platform)
    : text_(std::move(text)), platform_(platform) {
    if (platform_ == Platform::Windows) {
        for (char& c : text_) {
            if (c == '/') {
                c = '\\';
            }
        }
    }
}

TargetPath TargetPath::operator/(std::string_view relative) const {
    std::string result = text_;
    for (const std::string& part : split_relative(relative)) {
        if (!result.empty() && result.back() != separator()) {
            result += separator();
        }
        result += part;
    }
    return TargetPath(result, platform_);
}

std::string TargetPath::filename() const {
    std::string::size_type end = text_.size();
    while (end > 1 && text_[end - 1] == separator()) {
        --end;
    }
    std::string::size_type start = text_.rfind(separator(), end - 1);
    start = (start == std::string::npos) ? 0 : start + 1;
    return text_.substr(start, end - start);
}

TargetPath TargetPath::parent() const {
    std::string::size_type end = text_.size();
    while (end > 1 && text_[end - 1] == separator()) {
        --end;
    }
    std::string::size_type cut = text_.rfind(separator(), end - 1);
    if (cut == std::string::npos) {
        return TargetPath("", platform_);
    }
    // Keep the root separator ("/" or "C:\").
    if (cut == 0 || (platform_ == Platform::Windows && cut == 2 && text_[1] == ':')) {
        ++cut;
    }
    return TargetPath(text_.substr(0, cut), platform_);
}

std::vector<std::string> split_relative(std::string_view relative) {
    std::vector<std::string> parts;
    std::string::size_type start = 0;
    while (start <= relative.size()) {
        std::string::size_type end = relative.find('/', start);
        if (end == std::string_view::npos) {
            end = relative.size();
        }
        if (end > start) {
            parts.emplace_back(relative.substr(start, end - start));
        }
        start = end + 1;
    }
    return parts;
}

} // namespace cppvenv
