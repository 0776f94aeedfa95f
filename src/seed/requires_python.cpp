// Requires-Python against a Python version (see requires_python.hpp).
#include "seed/requires_python.hpp"

#include "util/package_version.hpp"
#include "util/text.hpp"

#include <string>
#include <vector>

namespace cppvenv {

namespace {

// The release numbers a prefix ("3.0" of "3.0.*") or a Python version spells,
// as written (PackageVersion drops trailing zeros, which a prefix must keep).
std::optional<std::vector<std::string>> release_numbers(std::string_view text) {
    std::vector<std::string> numbers(1);
    for (char c : text) {
        if (c == '.') {
            numbers.emplace_back();
        } else if (c >= '0' && c <= '9') {
            numbers.back() += c;
        } else {
            return std::nullopt;
        }
    }
    for (std::string& number : numbers) {
        if (number.empty()) {
            return std::nullopt;
        }
        number = number.substr(std::min(number.find_first_not_of('0'), number.size() - 1));
    }
    return numbers;
}

// Whether `python` starts with the release `prefix`, missing parts counting as 0.
bool has_prefix(const std::vector<std::string>& python, const std::vector<std::string>& prefix) {
    for (size_t i = 0; i < prefix.size(); ++i) {
        if ((i < python.size() ? python[i] : "0") != prefix[i]) {
            return false;
        }
    }
    return true;
}

std::optional<bool> satisfies_one(std::string_view clause, std::string_view python) {
    static const char* const operators[] = {"===", "~=", "==", "!=", "<=", ">=", "<", ">"};
    std::string_view op;
    for (const char* candidate : operators) {
        if (clause.substr(0, std::string_view(candidate).size()) == candidate) {
            op = candidate;
            break;
        }
    }
    if (op.empty()) {
        return std::nullopt;
    }
    const std::string_view version = trimmed(clause.substr(op.size()));
    if (op == "===") {
        return !version.empty() ? std::optional<bool>(version == python) : std::nullopt;
    }
    const std::optional<std::vector<std::string>> python_release = release_numbers(python);
    if (!python_release) {
        return std::nullopt;
    }
    const bool wildcard = version.size() > 2 && version.substr(version.size() - 2) == ".*";
    if (wildcard) {
        const auto prefix = release_numbers(version.substr(0, version.size() - 2));
        if (!prefix || (op != "==" && op != "!=")) {
            return std::nullopt;
        }
        return has_prefix(*python_release, *prefix) == (op == "==");
    }
    if (!parse_package_version(version)) {
        return std::nullopt;
    }
    const int order = compare_versions(python, version);
    if (op == "~=") {
        // ~=3.9 is >=3.9 and ==3.*; its version has at least two release numbers.
        auto release = release_numbers(version);
        if (!release || release->size() < 2) {
            return std::nullopt;
        }
        release->pop_back();
        return order >= 0 && has_prefix(*python_release, *release);
    }
    return op == "=="   ? order == 0
           : op == "!=" ? order != 0
           : op == "<=" ? order <= 0
           : op == ">=" ? order >= 0
           : op == "<"  ? order < 0
                        : order > 0;
}

} // namespace

std::optional<bool> python_satisfies(std::string_view specifiers, std::string_view python_version) {
    bool satisfied = true;
    while (!trimmed(specifiers).empty()) {
        const size_t comma = std::min(specifiers.find(','), specifiers.size());
        const std::optional<bool> one =
            satisfies_one(trimmed(specifiers.substr(0, comma)), python_version);
        if (!one) {
            return std::nullopt;
        }
        satisfied = satisfied && *one;
        specifiers.remove_prefix(std::min(comma + 1, specifiers.size()));
    }
    return satisfied;
}

} // namespace cppvenv
