#pragma once
// `cppvenv python list`: every interpreter discovery can see, and the one it picks.

#include "python/discovery.hpp"

#include <boost/filesystem/path.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// One interpreter discovery can see, listed once however many names lead to it.
struct ListedInterpreter {
    boost::filesystem::path path;      // the first name found for it, as `create` would use it
    boost::filesystem::path real_path; // every symlink resolved: the identity
    std::vector<std::string> sources;  // "PATH", "pyenv", "system", "registry", in the order found
    std::optional<InterpreterFacts> facts;
    std::string problem; // why it cannot be used ("" when it can)
    bool selected = false;
};

struct InterpreterListing {
    std::vector<ListedInterpreter> interpreters;
    std::string selected_reason; // why `create` picks the selected one; or why none
};

// The command names searched: python3, every python3.N found in the folders
// discovery searches (PATH, pyenv's versions, the system folders), newest first,
// then python, pypy3, pypy.
std::vector<std::string> interpreter_command_names(const DiscoveryContext& context);

// "PATH" (pyenv's shims count as PATH for the versions they select now),
// "pyenv", "system" or (Windows) "registry" for a candidate found by command_candidates.
std::string interpreter_source(const boost::filesystem::path& candidate,
                               const DiscoveryContext& context);

// Every place discovery finds `candidate` in, in search order: its first
// source, then "pyenv" when it is in $PYENV_ROOT/versions and "system" when it
// is in a system folder (/usr/bin/python3 on PATH is ["PATH", "system"]).
std::vector<std::string> interpreter_sources(const boost::filesystem::path& candidate,
                                             const DiscoveryContext& context);

// Every interpreter on PATH, under pyenv and in the system folders, once each,
// in the order `python list` shows them, with its facts or its problem; no
// selection (what -p matches against).
std::vector<ListedInterpreter> found_interpreters(const DiscoveryContext& context,
                                                  const FactsCache& cache);

// Every interpreter on PATH, under pyenv and in the system folders, each with
// its facts (from the cache, else by running it once), and which one `create`
// without -p would pick now.
InterpreterListing list_interpreters(const DiscoveryContext& context, const FactsCache& cache);

} // namespace cppvenv
