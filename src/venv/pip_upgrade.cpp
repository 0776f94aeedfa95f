// What --upgrade-deps adds to the venv's own pip (see pip_upgrade.hpp).
#include "venv/pip_upgrade.hpp"

#include "util/error.hpp"
#include "util/platform.hpp"

#include <boost/filesystem/operations.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace cppvenv {
namespace fs = boost::filesystem;

std::vector<std::string> pip_verbosity_flags(int verbosity) {
    if (verbosity < 0) {
        return {"--quiet"};
    }
    return std::vector<std::string>(static_cast<std::size_t>(verbosity), "-v");
}

std::vector<std::string> pip_fail_fast_flags() {
    return {"--retries", "0", "--timeout", "5"};
}

namespace {

// pip writes "Could not fetch URL URL: REASON - skipping" (index/collector.py,
// the same words since pip 1.x) for each index page it could not get, and
// "Fetched page URL as TYPE" for each it got.
constexpr std::string_view fetch_failed = "Could not fetch URL ";
constexpr std::string_view fetched = "Fetched page ";

// The end of urllib3's wording, "...[Errno -3] Temporary failure in name
// resolution'))", or pip's own "timed out"; the whole reason otherwise.
std::string short_reason(std::string reason) {
    const std::size_t errno_mark = reason.rfind("] ");
    if (errno_mark != std::string::npos) {
        reason = reason.substr(errno_mark + 2);
        const std::size_t quote = reason.find('\'');
        return reason.substr(0, quote);
    }
    const std::size_t timed_out = reason.find("timed out");
    if (timed_out != std::string::npos) {
        return "timed out";
    }
    return reason;
}

bool is_network_failure(std::string_view reason) {
    return reason.rfind("connection error", 0) == 0 || reason.rfind("timed out", 0) == 0 ||
           reason.rfind("There was a problem confirming the ssl certificate", 0) == 0;
}

} // namespace

std::optional<UnreachableIndex> unreachable_index(std::string_view pip_log) {
    std::optional<UnreachableIndex> first;
    std::istringstream lines{std::string(pip_log)};
    for (std::string line; std::getline(lines, line);) {
        if (line.find(fetched) != std::string::npos) {
            return std::nullopt; // the index answered
        }
        const std::size_t start = line.find(fetch_failed);
        if (start == std::string::npos || first) {
            continue;
        }
        const std::string rest = line.substr(start + fetch_failed.size());
        const std::size_t colon = rest.find(": ");
        if (colon == std::string::npos) {
            continue;
        }
        std::string reason = rest.substr(colon + 2);
        const std::string skipping = " - skipping";
        if (reason.size() >= skipping.size() &&
            reason.compare(reason.size() - skipping.size(), skipping.size(), skipping) == 0) {
            reason.resize(reason.size() - skipping.size());
        }
        if (is_network_failure(reason)) {
            first = UnreachableIndex{rest.substr(0, colon), short_reason(reason)};
        }
    }
    return first;
}

PipLogFile::PipLogFile() {
    boost::system::error_code error;
    const fs::path folder = fs::temp_directory_path(error);
    if (error) {
        throw Error(
            fmt::format("cannot find the temporary folder for pip's log: {}", error.message()));
    }
    for (int attempt = 0; attempt < 8; ++attempt) {
        const fs::path candidate = folder / fs::unique_path("cppvenv-pip-%%%%%%%%%%%%.log");
        const int descriptor = platform::create_new_file(candidate, 0600);
        if (descriptor >= 0) {
            platform::close_file(descriptor);
            path_ = candidate;
            return;
        }
        if (errno != EEXIST) {
            throw Error(fmt::format("cannot create pip's log file {}: {}", candidate.string(),
                                    std::strerror(errno)));
        }
    }
    throw Error(fmt::format("cannot create a new log file for pip in {}", folder.string()));
}

PipLogFile::~PipLogFile() {
    platform::remove_file(path_);
}

std::string PipLogFile::contents() const {
    constexpr std::streamoff limit = 1 << 20;
    std::ifstream in(path_.string(), std::ios::binary);
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(size > limit ? size - limit : 0);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace cppvenv
