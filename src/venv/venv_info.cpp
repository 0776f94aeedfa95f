#include "venv/venv_info.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/platform.hpp"
#include "venv/pyvenv_cfg.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <cctype>
#include <fmt/format.h>
#include <set>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

std::string lowercase(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

bool is_true(std::string_view value) {
    return lowercase(value) == "true";
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

std::optional<std::string> VenvConfig::value(std::string_view key) const {
    for (const auto& [name, value] : entries) {
        if (name == key) {
            return value;
        }
    }
    return std::nullopt;
}

std::string normalize_python_version(std::string_view text) {
    std::string result;
    int numbers = 0;
    size_t i = 0;
    while (i < text.size() && numbers < 3) {
        size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
        }
        if (i == start) {
            break;
        }
        result += (numbers ? "." : "") + std::string(text.substr(start, i - start));
        ++numbers;
        if (i >= text.size() || text[i] != '.') {
            break;
        }
        ++i;
    }
    return result;
}

std::string unquote_python_string(std::string_view text) {
    if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') ||
        text.back() != text.front()) {
        return std::string(text);
    }
    std::string result;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\' && i + 2 < text.size()) {
            ++i;
            switch (text[i]) {
            case 'n':
                result += '\n';
                continue;
            case 't':
                result += '\t';
                continue;
            case 'r':
                result += '\r';
                continue;
            default:
                break;
            }
        }
        result += text[i];
    }
    return result;
}

VenvConfig parse_venv_config(std::string_view text) {
    VenvConfig config;
    config.entries = parse_pyvenv_cfg(text);
    config.home = config.value("home").value_or("");
    config.version = normalize_python_version(
        config.value("version").value_or(config.value("version_info").value_or("")));
    config.implementation = lowercase(config.value("implementation").value_or(""));
    config.executable =
        config.value("executable").value_or(config.value("base-executable").value_or(""));
    config.include_system_site_packages =
        is_true(config.value("include-system-site-packages").value_or("false"));
    if (std::optional<std::string> prompt = config.value("prompt")) {
        config.prompt = unquote_python_string(*prompt);
    }
    config.relocatable = is_true(config.value("relocatable").value_or("false"));
    config.creator = "venv";
    for (const char* creator : {"cppvenv", "uv", "virtualenv"}) {
        if (std::optional<std::string> version = config.value(creator)) {
            config.creator = creator;
            config.creator_version = *version;
            break;
        }
    }
    return config;
}

VenvConfig read_venv_config(const fs::path& venv) {
    boost::system::error_code error;
    if (!fs::is_directory(venv, error)) {
        throw Error(
            fmt::format("{} is not a virtual environment: {}", venv.string(),
                        fs::exists(venv, error) ? "not a directory" : "no such file or directory"));
    }
    std::optional<std::string> text = read_file(venv / "pyvenv.cfg");
    if (!text) {
        throw Error(fmt::format("{} is not a virtual environment: it has no readable pyvenv.cfg",
                                venv.string()));
    }
    return parse_venv_config(*text);
}

namespace {

bool is_inside(const fs::path& path, const fs::path& dir) {
    const std::string text = path.lexically_normal().string();
    const std::string prefix = dir.lexically_normal().string() + "/";
    return text.compare(0, prefix.size(), prefix) == 0;
}

// Follows the venv's bin/python links until one leads out of the venv.
std::optional<fs::path> linked_base(const fs::path& venv) {
    for (const char* name : {"bin/python", "bin/python3", "bin/pypy3"}) {
        fs::path link = venv / name;
        for (int hop = 0; hop < 8; ++hop) {
            boost::system::error_code error;
            if (!fs::is_symlink(link, error)) {
                break;
            }
            fs::path target = fs::read_symlink(link, error);
            if (error) {
                break;
            }
            target = target.is_absolute() ? target : link.parent_path() / target;
            if (!is_inside(target, venv)) {
                return target.lexically_normal();
            }
            link = target;
        }
    }
    return std::nullopt;
}

} // namespace

fs::path base_interpreter(const fs::path& venv, const VenvConfig& config) {
    if (!config.executable.empty()) {
        return config.executable;
    }
    if (std::optional<fs::path> linked = linked_base(venv)) {
        return *linked;
    }
    const fs::path home = config.home;
    std::vector<std::string> names;
    const bool pypy = (config.implementation.empty() ? implementation_from_layout(venv)
                                                     : config.implementation) == "pypy";
    if (pypy) {
        names = {"pypy3", "pypy"};
    }
    std::string short_version = config.version.substr(0, config.version.rfind('.'));
    if (!short_version.empty() && short_version.find('.') != std::string::npos) {
        names.push_back("python" + short_version);
    }
    for (const char* name : {"python3", "python", "pypy3", "pypy", "python.exe"}) {
        names.push_back(name);
    }
    for (const std::string& name : names) {
        if (is_executable_file(home / name)) {
            return home / name;
        }
    }
    return home / (pypy ? "pypy3" : "python3");
}

fs::path venv_python(const fs::path& venv) {
    for (const char* name : {"bin/python", "bin/python3", "Scripts/python.exe"}) {
        boost::system::error_code error;
        if (fs::symlink_status(venv / name, error).type() != fs::file_not_found) {
            return venv / name;
        }
    }
    return {};
}

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

std::string implementation_from_layout(const fs::path& venv) {
    boost::system::error_code error;
    for (fs::directory_iterator it(venv / "lib", error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (starts_with(name, "pypy")) {
            return "pypy";
        }
        if (starts_with(name, "python")) {
            return "cpython";
        }
    }
    return "";
}

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

unsigned long long disk_usage(const fs::path& root) {
    unsigned long long total = 0;
    std::set<std::pair<std::uintmax_t, std::uintmax_t>> counted_links;
    auto add = [&](const fs::path& path) {
        const std::optional<platform::DiskSpace> info = platform::disk_space_of_link(path);
        if (!info) {
            return;
        }
        if (info->link_count > 1 && !info->is_directory &&
            !counted_links.insert({info->device, info->inode}).second) {
            return; // another name of a file already counted
        }
        total += static_cast<unsigned long long>(info->allocated_bytes);
    };
    add(root);
    boost::system::error_code error;
    for (fs::recursive_directory_iterator
             it(root, fs::directory_options::skip_permission_denied, error),
         end;
         !error && it != end; it.increment(error)) {
        add(it->path());
    }
    return total;
}

VenvInfo read_venv_info(const fs::path& venv) {
    VenvInfo info;
    info.path = absolute_path(venv);
    info.config = read_venv_config(info.path);
    info.implementation = info.config.implementation.empty() ? implementation_from_layout(info.path)
                                                             : info.config.implementation;
    info.base_executable = base_interpreter(info.path, info.config);
    info.base_exists = is_executable_file(info.base_executable);
    info.distributions = installed_distributions(info.path);
    info.size_on_disk = disk_usage(info.path);
    return info;
}

} // namespace cppvenv
