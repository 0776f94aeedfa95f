// The distributions installed in a venv (see installed_distributions.hpp).
#include "venv/installed_distributions.hpp"

#include "util/file_system.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <optional>
#include <set>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

// lib/python3.12/site-packages, lib/pypy3.9/site-packages, Lib/site-packages,
// each real folder once (lib64 is often a link to lib).
std::vector<fs::path> site_packages_dirs(const fs::path& venv) {
    std::vector<fs::path> found;
    std::set<fs::path> seen;
    auto add = [&](const fs::path& dir) {
        boost::system::error_code error;
        if (!fs::is_directory(dir, error)) {
            return;
        }
        fs::path real = fs::canonical(dir, error);
        if (!error && seen.insert(real).second) {
            found.push_back(dir);
        }
    };
    for (const char* lib : {"lib", "lib64"}) {
        boost::system::error_code error;
        for (fs::directory_iterator it(venv / lib, error), end; !error && it != end;
             it.increment(error)) {
            add(it->path() / "site-packages");
        }
    }
    add(venv / "Lib" / "site-packages");
    return found;
}

} // namespace

Distribution parse_distribution_metadata(std::string_view text) {
    Distribution distribution;
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            break; // the headers end at the first empty line; the description follows
        }
        size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            std::string key = lowercase(line.substr(0, colon));
            std::string_view value = line.substr(colon + 1);
            value.remove_prefix(std::min(value.find_first_not_of(" \t"), value.size()));
            if (key == "name" && distribution.name.empty()) {
                distribution.name = std::string(value);
            } else if (key == "version" && distribution.version.empty()) {
                distribution.version = std::string(value);
            }
        }
        begin = end + 1;
    }
    return distribution;
}

std::vector<Distribution> installed_distributions(const fs::path& venv) {
    std::vector<Distribution> distributions;
    for (const fs::path& dir : site_packages_dirs(venv)) {
        boost::system::error_code error;
        for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
            const std::string name = it->path().filename().string();
            fs::path metadata;
            if (ends_with(name, ".dist-info")) {
                metadata = it->path() / "METADATA";
            } else if (ends_with(name, ".egg-info")) {
                boost::system::error_code ignored;
                metadata =
                    fs::is_directory(it->path(), ignored) ? it->path() / "PKG-INFO" : it->path();
            } else {
                continue;
            }
            if (std::optional<std::string> text = read_file(metadata)) {
                Distribution distribution = parse_distribution_metadata(*text);
                if (!distribution.name.empty()) {
                    distributions.push_back(std::move(distribution));
                }
            }
        }
    }
    std::sort(distributions.begin(), distributions.end(),
              [](const Distribution& a, const Distribution& b) {
                  return std::make_pair(lowercase(a.name), a.version) <
                         std::make_pair(lowercase(b.name), b.version);
              });
    return distributions;
}

} // namespace cppvenv
