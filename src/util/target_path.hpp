#pragma once
// TargetPath: a path on the venv's platform, with that platform's separator.

#include "util/host_platform.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// A path on the platform the venv is for, kept as text with that platform's
// separator. boost::filesystem::path follows the machine we run on, which would
// get a Windows layout wrong when the plan is computed (or tested) on Linux.
class TargetPath {
public:
    TargetPath() = default;
    TargetPath(std::string text, Platform platform);

    // Appends a relative path written with '/' separators.
    TargetPath operator/(std::string_view relative) const;

    const std::string& str() const { return text_; }
    Platform platform() const { return platform_; }
    char separator() const { return platform_ == Platform::Windows ? '\\' : '/'; }
    std::string filename() const;
    TargetPath parent() const;

    bool operator==(const TargetPath& other) const {
        return text_ == other.text_ && platform_ == other.platform_;
    }

private:
    std::string text_;
    Platform platform_ = host_platform();
};

// Splits a '/'-separated relative path into its parts, skipping empty ones.
std::vector<std::string> split_relative(std::string_view relative);

} // namespace cppvenv
