#pragma once

#include "python/facts_cache.hpp"
#include "python/interpreter_facts.hpp"

#include <boost/filesystem/path.hpp>

namespace cppvenv {

// Facts about the interpreter at `path` (absolute): from the cache while the
// cache entry still matches the file, else by running the interpreter once with
// the embedded inspect_interpreter.py (and caching the answer). Throws Error
// when `path` is not a Python interpreter.
InterpreterFacts interpreter_facts(const boost::filesystem::path& path, const FactsCache& cache);

// Throws Error unless the interpreter is one cppvenv can make a venv for (3.7+).
void require_supported_interpreter(const InterpreterFacts& facts,
                                   const boost::filesystem::path& path);

} // namespace cppvenv
