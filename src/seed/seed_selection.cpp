// Which wheels seed a venv (see seed_selection.hpp).
#include "seed/seed_selection.hpp"

#include "seed/wheel_filename.hpp"
#include "util/error.hpp"
#include "util/package_version.hpp"

#include <fmt/format.h>

namespace cppvenv {

const char* const seed_projects[3] = {"pip", "setuptools", "wheel"};

namespace {

// Where a candidate is, ordered for the search: folders first, in the order
// given, then the bundle.
struct Candidate {
    const BundledWheel* wheel = nullptr;
    size_t rank = 0; // the folder's index, or the number of folders for the bundle
    std::string unusable;
    std::string build_tag;
};

// Whether `candidate` sorts after `other` of the same version and place: a
// higher build tag (two bundled wheels of one version have none).
bool later_build(const Candidate& candidate, const Candidate& other) {
    return candidate.rank == other.rank &&
           compare_build_tags(candidate.build_tag, other.build_tag) > 0;
}

bool is_prerelease_candidate(const Candidate& candidate) {
    const std::optional<PackageVersion> version = parse_package_version(candidate.wheel->version);
    return version && is_prerelease(*version);
}

std::vector<Candidate> candidates_of(const std::string& project, const SeedCandidates& all) {
    std::vector<Candidate> found;
    for (const SeedFolderWheel& entry : all.folder_wheels) {
        if (entry.wheel.project == project) {
            found.push_back({&entry.wheel, entry.folder, entry.unusable, entry.build_tag});
        }
    }
    for (const BundledWheel& wheel : all.bundled) {
        if (wheel.project == project) {
            found.push_back({&wheel, all.folders.size(), "", ""});
        }
    }
    return found;
}

// The newest of `found` that passes `keep`; among equal versions, the one
// searched first, and in one place the highest build tag.
template <typename Keep>
const Candidate* newest_of(const std::vector<Candidate>& found, Keep keep) {
    const Candidate* best = nullptr;
    for (const Candidate& candidate : found) {
        if (!candidate.unusable.empty() || !keep(candidate)) {
            continue;
        }
        const int order =
            best == nullptr ? 1 : compare_versions(candidate.wheel->version, best->wheel->version);
        if (order > 0 ||
            (order == 0 && (candidate.rank < best->rank || later_build(candidate, *best)))) {
            best = &candidate;
        }
    }
    return best;
}

// The same, a final release before any pre-release, as pip chooses (a
// pre-release only when nothing else is there to choose).
template <typename Keep> const Candidate* newest(const std::vector<Candidate>& found, Keep keep) {
    if (const Candidate* final_release = newest_of(
            found, [&](const Candidate& c) { return keep(c) && !is_prerelease_candidate(c); })) {
        return final_release;
    }
    return newest_of(found, keep);
}

std::string where_searched(const SeedCandidates& all, SeedRequestKind kind) {
    if (kind == SeedRequestKind::Bundle || all.folders.empty()) {
        return "the interpreter's bundle";
    }
    std::string folders;
    for (size_t i = 0; i < all.folders.size(); ++i) {
        folders += (i == 0 ? "" : ", ") + all.folders[i];
    }
    return fmt::format("--seed-from {} or the interpreter's bundle", folders);
}

std::string found_list(const std::string& project, const std::vector<Candidate>& found,
                       const SeedCandidates& all) {
    if (found.empty()) {
        return fmt::format("found: no {} wheel", project);
    }
    std::string text = "found: ";
    for (size_t i = 0; i < found.size(); ++i) {
        const Candidate& candidate = found[i];
        text +=
            fmt::format("{}{} {} {}{}", i == 0 ? "" : ", ", project, candidate.wheel->version,
                        candidate.rank < all.folders.size() ? "in " + all.folders[candidate.rank]
                                                            : std::string("bundled"),
                        candidate.unusable.empty() ? "" : " (" + candidate.unusable + ")");
    }
    return text;
}

const BundledWheel* choose(const std::string& project, const SeedRequest& request,
                           const SeedCandidates& all, bool by_default) {
    const std::vector<Candidate> found = candidates_of(project, all);
    const Candidate* chosen = nullptr;
    std::string wanted = project;
    switch (request.kind) {
    case SeedRequestKind::None:
        return nullptr;
    case SeedRequestKind::Default: {
        if (!by_default) {
            return nullptr;
        }
        // The first place searched that has the project, its newest there.
        size_t first_rank = all.folders.size();
        for (const Candidate& candidate : found) {
            if (candidate.unusable.empty()) {
                first_rank = std::min(first_rank, candidate.rank);
            }
        }
        chosen = newest(found, [&](const Candidate& c) { return c.rank == first_rank; });
        return chosen == nullptr ? nullptr : chosen->wheel;
    }
    case SeedRequestKind::Bundle:
        chosen = newest(found, [&](const Candidate& c) { return c.rank == all.folders.size(); });
        wanted = fmt::format("bundled {} wheel", project);
        break;
    case SeedRequestKind::Newest:
        chosen = newest(found, [](const Candidate&) { return true; });
        wanted = fmt::format("{} wheel", project);
        break;
    case SeedRequestKind::Exact: {
        const std::optional<PackageVersion> version = parse_package_version(request.version);
        for (const Candidate& candidate : found) { // folders in order, then the bundle
            const std::optional<PackageVersion> has =
                parse_package_version(candidate.wheel->version);
            if (candidate.unusable.empty() && version && has &&
                compare_package_versions(*version, *has) == 0 &&
                (chosen == nullptr || candidate.rank < chosen->rank ||
                 later_build(candidate, *chosen))) {
                chosen = &candidate;
            }
        }
        wanted = fmt::format("{} {}", project, request.version);
        break;
    }
    }
    if (chosen == nullptr) {
        throw Error(fmt::format("no {} in {} ({})", wanted, where_searched(all, request.kind),
                                found_list(project, found, all)));
    }
    return chosen->wheel;
}

} // namespace

SeedRequest parse_seed_request(std::string_view option, const std::optional<std::string>& text) {
    if (!text) {
        return {};
    }
    if (*text == "bundle") {
        return {SeedRequestKind::Bundle, ""};
    }
    if (*text == "none") {
        return {SeedRequestKind::None, ""};
    }
    if (!text->empty() && parse_package_version(*text)) {
        return {SeedRequestKind::Exact, *text};
    }
    throw UsageError(
        fmt::format("{} '{}': expected a version (24.0), bundle or none", option, *text));
}

const SeedRequest& SeedRequests::of(std::string_view project) const {
    return project == "pip" ? pip : project == "setuptools" ? setuptools : wheel;
}

bool seeded_by_default(std::string_view project, int python_major, int python_minor) {
    return project == "pip" || (project == "setuptools" && python_major == 3 && python_minor < 12);
}

std::vector<BundledWheel> select_seed_wheels(const SeedRequests& requests,
                                             const SeedCandidates& candidates, int python_major,
                                             int python_minor) {
    std::vector<BundledWheel> chosen;
    for (const char* project : seed_projects) {
        if (const BundledWheel* wheel =
                choose(project, requests.of(project), candidates,
                       seeded_by_default(project, python_major, python_minor))) {
            chosen.push_back(*wheel);
        }
    }
    return chosen;
}

} // namespace cppvenv
