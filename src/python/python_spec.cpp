// What -p names: a version, a command or a path (parse_python_spec).
#include "python/discovery.hpp"
#include "python/inspection.hpp"
#include "python/windows_discovery.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <exception>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <optional>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// A run of ASCII digits as a number, saturating instead of overflowing
// ("-p 99999999999" is an unknown version, not a crash).
int digits_to_number(const std::string& digits) {
    long long value = 0;
    for (char digit : digits) {
        value = std::min<long long>(value * 10 + (digit - '0'), std::numeric_limits<int>::max());
    }
    return static_cast<int>(value);
}

// "3", "3.12" or "3.12.1" (ASCII digits, one to three numbers), else nothing.
// By hand rather than with std::regex, whose compilation alone was a third of
// the instructions of a whole `create --without-pip`.
std::optional<std::vector<int>> parse_version_numbers(const std::string& text) {
    std::vector<int> numbers;
    std::string::size_type start = 0;
    for (;;) {
        std::string::size_type end = start;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
            ++end;
        }
        if (end == start || numbers.size() == 3) {
            return std::nullopt;
        }
        numbers.push_back(digits_to_number(text.substr(start, end - start)));
        if (end == text.size()) {
            return numbers;
        }
        if (text[end] != '.') {
            return std::nullopt;
        }
        start = end + 1;
    }
}

} // namespace

PythonSpec parse_python_spec(const std::string& text, Platform platform) {
    if (text.empty()) {
        throw UsageError("--python needs a value (a path, a command name or a version)");
    }
    PythonSpec spec;
    spec.text = text;
    const bool windows_path =
        platform == Platform::Windows &&
        (text.find('\\') != std::string::npos || (text.size() >= 2 && text[1] == ':'));
    if (text.find('/') != std::string::npos || windows_path) {
        spec.kind = PythonSpecKind::Path;
    } else if (const std::optional<std::vector<int>> version = parse_version_numbers(text)) {
        spec.kind = PythonSpecKind::Version;
        spec.version = *version;
    } else {
        spec.kind = PythonSpecKind::CommandName;
    }
    return spec;
}

bool is_version_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." &&
           name.find_first_of("/\\:") == std::string::npos && name.find('\0') == std::string::npos;
}

} // namespace cppvenv
