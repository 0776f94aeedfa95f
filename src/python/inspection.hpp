#pragma once
// Learning an interpreter's facts: from the cache, else by running it once.

#include "python/facts_cache.hpp"
#include "python/interpreter_facts.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>

namespace cppvenv {

enum class FactsSource {
    CacheOrRun, // the cache while its entry still matches the file, else run it
    Run,        // run the interpreter even if the cache has an entry
};

// Facts about the interpreter at `path` (absolute), by running it once with the
// embedded inspect_interpreter.py, isolated and bounded in time (or from the
// cache). Only an interpreter that ran itself is cached (never a shim or a
// wrapper script). Throws Error when `path` is not a usable Python interpreter.
InterpreterFacts interpreter_facts(const boost::filesystem::path& path, const FactsCache& cache,
                                   FactsSource source = FactsSource::CacheOrRun);

// The cached facts for `path`, validated; nothing when there are none. Never
// starts a process: for commands that only look at files (list, check --fast).
std::optional<InterpreterFacts> cached_interpreter_facts(const boost::filesystem::path& path,
                                                         const FactsCache& cache);

// The cache key of the interpreter at `path` for the embedded inspection script
// and the flags it runs with; nothing when the file cannot be read.
std::optional<FactsCacheKey> inspection_cache_key(const boost::filesystem::path& path);

// Throws Error unless the interpreter is one cppvenv can make a venv for (3.7+).
void require_supported_interpreter(const InterpreterFacts& facts,
                                   const boost::filesystem::path& path);

} // namespace cppvenv
