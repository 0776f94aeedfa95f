#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// A version as PEP 440 defines it, parsed the way pip's `packaging.version`
// parses it (case-insensitive, "v" prefix, alternative spellings such as
// "1.0-1", "1.0.alpha.2" or "1.0c1"). Numbers are kept as digit strings without
// leading zeros, so no version is too large to compare.
struct PackageVersion {
    enum class PreKind { DevOnly, Alpha, Beta, ReleaseCandidate, None }; // in sort order
    std::string epoch = "0";
    std::vector<std::string> release; // without trailing zeros: 1.0.0 == 1
    PreKind pre_kind = PreKind::None;
    std::string pre_number = "0";
    std::optional<std::string> post;
    std::optional<std::string> dev;
    std::vector<std::string> local; // lower case; digits-only parts are numbers
};

// std::nullopt when `text` is not a PEP 440 version.
std::optional<PackageVersion> parse_package_version(std::string_view text);

// Whether `version` is a pre-release as pip's `packaging` says: an alpha, beta
// or release candidate, or a development release (1.0.dev1, 1.0.post1.dev1).
bool is_prerelease(const PackageVersion& version);

// -1, 0 or 1 for two parsed versions, in PEP 440's order.
int compare_package_versions(const PackageVersion& a, const PackageVersion& b);

// -1, 0 or 1 as version `a` is older than, the same as or newer than `b`, in
// PEP 440's order: epoch, release, then 1.0.dev0 < 1.0a1 < 1.0rc1 < 1.0 <
// 1.0+local < 1.0.post1. A text that is not a PEP 440 version is older than
// every version, and such texts compare as plain strings among themselves.
int compare_versions(std::string_view a, std::string_view b);

} // namespace cppvenv
