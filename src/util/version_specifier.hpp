#pragma once
// PEP 440 version specifiers (">=3.9,<3.12", "~=3.11", "==3.12.*"), as pip's
// `packaging.specifiers` reads them, for choosing an interpreter by version.

#include "util/package_version.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

struct VersionSpecifier {
    std::string op;        // "==", "!=", "<=", ">=", "<", ">", "~=", "==="
    std::string version;   // as written, without ".*"
    bool prefix = false;   // "==3.12.*" / "!=3.12.*"
    PackageVersion parsed; // unused for "==="
};

// Whether `text` starts like a specifier (an operator), so that `-p` reads it as one.
bool looks_like_version_specifiers(std::string_view text);

// A comma-separated list, every one of which must hold; std::nullopt when any
// part is not a PEP 440 specifier (an unknown operator, a bad version, ".*"
// after other operators than == and !=, "~=" with a single number).
std::optional<std::vector<VersionSpecifier>> parse_version_specifiers(std::string_view text);

// Whether `version` satisfies every specifier. Pre-releases are not set apart:
// an interpreter's version is what it is.
bool satisfies(const PackageVersion& version, const std::vector<VersionSpecifier>& specifiers);

} // namespace cppvenv
