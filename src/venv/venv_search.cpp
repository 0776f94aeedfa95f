// Finding venvs (folders with pyvenv.cfg) below a folder.
#include "venv/venv_search.hpp"

#include "util/output.hpp"

#include <algorithm>
#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>

namespace cppvenv {
namespace fs = boost::filesystem;

namespace {

bool is_venv(const fs::path& dir) {
    boost::system::error_code error;
    return fs::is_regular_file(dir / "pyvenv.cfg", error);
}

bool never_holds_venvs(const std::string& name) {
    return name == ".git" || name == "node_modules" || name == "__pycache__" || name == ".hg" ||
           name == ".tox" || name == ".mypy_cache";
}

void search(const fs::path& dir, int depth_left, std::vector<fs::path>& found) {
    if (is_venv(dir)) {
        found.push_back(dir);
        return;
    }
    if (depth_left <= 0) {
        return;
    }
    std::vector<fs::path> children;
    boost::system::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        boost::system::error_code status_error;
        fs::file_status status = it->symlink_status(status_error);
        if (!status_error && status.type() == fs::directory_file &&
            !never_holds_venvs(it->path().filename().string())) {
            children.push_back(it->path());
        }
    }
    if (error) {
        print_verbose(fmt::format("skipping {}: {}", dir.string(), error.message()));
    }
    std::sort(children.begin(), children.end());
    for (const fs::path& child : children) {
        search(child, depth_left - 1, found);
    }
}

} // namespace

std::vector<fs::path> find_venvs(const fs::path& root, int max_depth) {
    std::vector<fs::path> found;
    search(root, max_depth, found);
    return found;
}

} // namespace cppvenv
