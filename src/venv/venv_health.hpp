#pragma once
// `check`: everything wrong with a venv, each with its fix.

#include "python/facts_cache.hpp"

#include <boost/filesystem/path.hpp>
#include <string>
#include <vector>

namespace cppvenv {

struct HealthProblem {
    std::string problem; // what is wrong, naming the file or interpreter
    std::string fix;     // what to run or do about it
};

enum class HealthDepth {
    Fast, // read files and links only (the base interpreter's facts may come from the cache)
    Full, // also start the venv's python and ask where it lives
};

// Everything wrong with the venv at `venv`; empty when it is healthy. The fixes
// name the venv as `shown_name` (the path as the user gave it).
std::vector<HealthProblem> check_venv_health(const boost::filesystem::path& venv,
                                             const std::string& shown_name, HealthDepth depth,
                                             const FactsCache& cache);

// The interpreter named by a script's "#!" line, or "" when it has none (or it
// names a program through /usr/bin/env or a /bin/sh trampoline).
std::string shebang_interpreter(const std::string& first_line);

} // namespace cppvenv
