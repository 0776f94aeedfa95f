// The `cache` subcommand: `cache dir`, `cache info [--json]`, `cache clean`.
#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "seed/wheel_cache.hpp"
#include "util/cache_directory.hpp"
#include "util/output.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace cppvenv {

namespace {

std::string human_size(std::uintmax_t bytes) {
    if (bytes < 1024 * 1024) {
        return fmt::format("{:.1f} KiB", bytes / 1024.0);
    }
    return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024.0));
}

void print_info(const WheelCacheSummary& summary, bool json) {
    if (json) {
        nlohmann::ordered_json document = {{"path", summary.root.string()},
                                           {"exists", summary.exists},
                                           {"wheels", summary.wheel_entries},
                                           {"other_entries", summary.other_entries},
                                           {"bytes", summary.bytes}};
        fmt::print("{}\n", json_output_text(document));
        return;
    }
    fmt::print("cache:   {}\n", visible(summary.root.string()));
    if (!summary.exists) {
        fmt::print("         (empty: not made yet)\n");
        return;
    }
    fmt::print("wheels:  {} unpacked\n", summary.wheel_entries);
    fmt::print("other:   {} (interpreter facts, wheel digests, leftovers)\n",
               summary.other_entries);
    fmt::print("size:    {} on disk\n", human_size(summary.bytes));
}

} // namespace

std::vector<Command> add_cache_commands(CLI::App& root) {
    CLI::App* cache = root.add_subcommand(
        "cache", "The cache of interpreter facts and unpacked wheels: where, what, clean.");
    cache->require_subcommand(1);
    cache->footer("The cache is $XDG_CACHE_HOME/cppvenv (else ~/.cache/cppvenv), or cache-dir "
                  "/ CPPVENV_CACHE_DIR. Venvs made with --link-mode hardlink keep their files "
                  "after a clean; venvs made with --link-mode symlink break (recreate them).\n\n"
                  "Examples:\n"
                  "  cppvenv cache dir                    where the cache is\n"
                  "  cppvenv cache info                   its entries and size\n"
                  "  cppvenv cache clean                  delete what cppvenv put there");
    CLI::App* dir = cache->add_subcommand("dir", "Print the cache folder.");
    dir->footer("Examples:\n"
                "  cppvenv cache dir\n"
                "  du -sh \"$(cppvenv cache dir)\"");
    auto json = std::make_shared<bool>(false);
    CLI::App* info =
        cache->add_subcommand("info", "Show the cache folder, its entries and its size.");
    info->add_flag("--json", *json,
                   "Print one JSON object: path, exists, wheels, other_entries, "
                   "bytes.");
    info->footer("Examples:\n"
                 "  cppvenv cache info\n"
                 "  cppvenv cache info --json | jq .bytes");
    CLI::App* clean = cache->add_subcommand(
        "clean", "Delete the cached wheels and interpreter facts (only what cppvenv made).");
    clean->footer("Files cppvenv did not make are left alone; a cache folder that is a symlink "
                  "or another user's is refused.\n\n"
                  "Examples:\n"
                  "  cppvenv cache clean\n"
                  "  cppvenv -q cache clean               the same, silently");
    return {
        {dir,
         [] {
             fmt::print("{}\n", default_cache_directory().string());
             return 0;
         }},
        {info,
         [json] {
             print_info(summarize_cache(default_cache_directory()), *json);
             return 0;
         }},
        {clean,
         [] {
             const std::size_t removed = clean_cache(default_cache_directory());
             if (verbosity() >= 0) {
                 fmt::print("removed {} cache entries from {}\n", removed,
                            visible(default_cache_directory().string()));
             }
             return 0;
         }},
    };
}

} // namespace cppvenv
