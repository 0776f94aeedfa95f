#pragma once
// What --upgrade-deps adds to the venv's own pip: cppvenv's -q/-v, a fast
// failure when the package index cannot be reached, and pip's log read back
// to say so in one line.

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// pip's own flags for cppvenv's verbosity: -q gives --quiet, each -v a -v.
std::vector<std::string> pip_verbosity_flags(int verbosity);

// pip's network options for an upgrade: no retries and a short timeout, so an
// unreachable index fails in seconds instead of pip's ~17 s of retries.
std::vector<std::string> pip_fail_fast_flags();

// The index page pip could not reach and why, read from pip's --log text.
struct UnreachableIndex {
    std::string url;    // "https://pypi.org/simple/pip/" (pip redacts credentials)
    std::string reason; // "Temporary failure in name resolution", "timed out"
};

// Pure: the first index page pip failed to reach (a connection error, a
// timeout, a TLS failure) when it reached none; nothing when it reached one or
// never asked (--no-index).
std::optional<UnreachableIndex> unreachable_index(std::string_view pip_log);

// A new, empty file in the temporary folder for pip's --log (made with
// O_EXCL, so nothing planted there is written through); removed at the end.
class PipLogFile {
public:
    PipLogFile();
    PipLogFile(const PipLogFile&) = delete;
    PipLogFile& operator=(const PipLogFile&) = delete;
    ~PipLogFile();
    const boost::filesystem::path& path() const { return path_; }
    std::string contents() const; // at most the last 1 MiB

private:
    boost::filesystem::path path_;
};

} // namespace cppvenv
