#include "python/pyenv_versions.hpp"

#include "util/package_version.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <limits>
#include <optional>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// A run of ASCII digits as a number, saturating instead of overflowing.
int digits_to_number(const std::string& digits) {
    long long value = 0;
    for (char digit : digits) {
        value = std::min<long long>(value * 10 + (digit - '0'), std::numeric_limits<int>::max());
    }
    return static_cast<int>(value);
}

// Every number in a name, in order ("pypy3.9-7.3.11": 3, 9, 7, 3, 11).
std::vector<int> version_numbers(const std::string& name) {
    std::vector<int> numbers;
    std::string::size_type index = 0;
    while (index < name.size()) {
        if (name[index] < '0' || name[index] > '9') {
            ++index;
            continue;
        }
        const std::string::size_type start = index;
        while (index < name.size() && name[index] >= '0' && name[index] <= '9') {
            ++index;
        }
        numbers.push_back(digits_to_number(name.substr(start, index - start)));
    }
    return numbers;
}

// Orders pyenv version folder names: by their numbers (3.10.2 after 3.9.18),
// then, for one release, in PEP 440's order where the name is a PEP 440 version
// (3.13.0rc1 before 3.13.0); other names (pypy3.9-7.3.11, 3.13.0t) count as a
// release of their numbers. Trailing zeros do not count: 3.13 is 3.13.0.
struct PyenvVersionKey {
    std::vector<int> numbers;
    PackageVersion phase; // pre-, post-, dev-release; no release numbers

    explicit PyenvVersionKey(const std::string& name) {
        if (std::optional<PackageVersion> version = parse_package_version(name)) {
            for (const std::string& number : version->release) {
                numbers.push_back(digits_to_number(number));
            }
            phase = *version;
            phase.epoch = "0";
            phase.release.clear();
            phase.local.clear();
        } else {
            numbers = version_numbers(name);
        }
        while (!numbers.empty() && numbers.back() == 0) {
            numbers.pop_back();
        }
    }
    bool operator<(const PyenvVersionKey& other) const {
        if (numbers != other.numbers) {
            return numbers < other.numbers;
        }
        return compare_package_versions(phase, other.phase) < 0;
    }
};

} // namespace

std::vector<std::string> pyenv_versions_newest_first(const fs::path& pyenv_root) {
    std::vector<std::pair<PyenvVersionKey, std::string>> keyed;
    boost::system::error_code error;
    for (fs::directory_iterator it(pyenv_root / "versions", error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        keyed.emplace_back(PyenvVersionKey(name), name);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return b.first < a.first; });
    std::vector<std::string> names;
    for (const auto& entry : keyed) {
        names.push_back(entry.second);
    }
    return names;
}

} // namespace cppvenv
