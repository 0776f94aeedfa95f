// What -p names: a version, a command or a path (parse_python_spec).
#include "python/discovery.hpp"
#include "python/inspection.hpp"
#include "python/windows_discovery.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/output.hpp"
#include "util/text.hpp"
#include "util/version_specifier.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <exception>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <optional>
#include <tuple>
#include <utility>

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

// "3.13t": the numbers and whether a 't' (free-threaded) ends them.
std::optional<std::pair<std::vector<int>, bool>> parse_threaded_version(const std::string& text) {
    const bool threaded = !text.empty() && text.back() == 't';
    if (std::optional<std::vector<int>> numbers =
            parse_version_numbers(threaded ? text.substr(0, text.size() - 1) : text)) {
        return std::make_pair(*numbers, threaded);
    }
    return std::nullopt;
}

std::vector<VersionSpecifier> parsed_specifiers(const std::string& text, const std::string& whole) {
    if (std::optional<std::vector<VersionSpecifier>> specifiers = parse_version_specifiers(text)) {
        return *specifiers;
    }
    throw UsageError(fmt::format("--python '{}': not a PEP 440 version specifier (such as "
                                 "'>=3.12', '~=3.11' or '>=3.9,<3.12')",
                                 whole));
}

// "cpython3.12", "pypy", "pypy@3.9", "cpython-3.13t", "cpython>=3.11": an
// implementation uv and virtualenv know, then what its version must be.
std::optional<PythonSpec> parse_implementation_request(const std::string& text) {
    const std::string lowered = lowercase(text);
    for (const char* implementation : {"cpython", "pypy"}) {
        if (!starts_with(lowered, implementation)) {
            continue;
        }
        std::string rest = text.substr(std::string(implementation).size());
        if (!rest.empty() && (rest.front() == '@' || rest.front() == '-')) {
            rest.erase(0, 1);
        }
        PythonSpec spec;
        spec.kind = PythonSpecKind::Request;
        spec.text = text;
        spec.implementation = implementation;
        if (rest.empty()) {
            return spec;
        }
        if (looks_like_version_specifiers(rest)) {
            spec.specifiers = parsed_specifiers(rest, text);
            return spec;
        }
        if (auto version = parse_threaded_version(rest)) {
            std::tie(spec.version, spec.free_threaded) = *version;
            return spec;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

bool interpreter_matches(const PythonSpec& spec, const InterpreterFacts& facts) {
    if (!spec.implementation.empty() && facts.implementation != spec.implementation) {
        return false;
    }
    if (spec.free_threaded && !facts.free_threaded) {
        return false;
    }
    const int have[] = {facts.major, facts.minor, facts.micro};
    for (std::size_t i = 0; i < spec.version.size() && i < 3; ++i) {
        if (have[i] != spec.version[i]) {
            return false;
        }
    }
    if (!spec.specifiers.empty()) {
        const std::optional<PackageVersion> version = parse_package_version(facts.version_string());
        return version && satisfies(*version, spec.specifiers);
    }
    return true;
}

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
    } else if (looks_like_version_specifiers(text)) {
        spec.kind = PythonSpecKind::Request;
        spec.specifiers = parsed_specifiers(text, text);
    } else if (std::optional<PythonSpec> request = parse_implementation_request(text)) {
        return *request;
    } else if (const auto threaded =
                   parse_threaded_version(starts_with(text, "python") ? text.substr(6) : text);
               threaded && threaded->second) {
        // "3.13t", "python3.13t": a free-threaded build of that version, whatever
        // its executable is called.
        spec.kind = PythonSpecKind::Request;
        std::tie(spec.version, spec.free_threaded) = *threaded;
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
