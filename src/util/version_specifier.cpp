#include "util/version_specifier.hpp"

#include "util/text.hpp"

namespace cppvenv {

namespace {

const char* const operators[] = {"===", "~=", "==", "!=", "<=", ">=", "<", ">"};

// Release numbers `have` start with `wanted` (missing numbers count as 0).
bool release_starts_with(const std::vector<std::string>& have,
                         const std::vector<std::string>& wanted) {
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const std::string number = i < have.size() ? have[i] : "0";
        if (number != wanted[i]) {
            return false;
        }
    }
    return true;
}

// `release` written out to `count` numbers (PackageVersion drops trailing zeros).
std::vector<std::string> padded(std::vector<std::string> release, std::size_t count) {
    while (release.size() < count) {
        release.emplace_back("0");
    }
    return release;
}

std::size_t release_length(const std::string& version) {
    std::size_t numbers = 1;
    for (char c : version.substr(0, version.find_first_not_of("0123456789.!"))) {
        numbers += c == '.' ? 1 : 0;
    }
    return numbers;
}

bool holds(const PackageVersion& version, const VersionSpecifier& specifier) {
    if (specifier.op == "===") {
        return false; // arbitrary equality compares texts; an interpreter's is never given as one
    }
    if (specifier.prefix) {
        const std::vector<std::string> wanted =
            padded(specifier.parsed.release, release_length(specifier.version));
        const bool same =
            version.epoch == specifier.parsed.epoch && release_starts_with(version.release, wanted);
        return specifier.op == "==" ? same : !same;
    }
    const int order = compare_package_versions(version, specifier.parsed);
    if (specifier.op == "==") {
        return order == 0;
    }
    if (specifier.op == "!=") {
        return order != 0;
    }
    if (specifier.op == "<=") {
        return order <= 0;
    }
    if (specifier.op == ">=") {
        return order >= 0;
    }
    if (specifier.op == "<") {
        return order < 0;
    }
    if (specifier.op == ">") {
        return order > 0;
    }
    // ~=X.Y.Z: >= X.Y.Z and == X.Y.*
    const std::size_t length = release_length(specifier.version);
    std::vector<std::string> stem = padded(specifier.parsed.release, length);
    stem.pop_back();
    return order >= 0 && version.epoch == specifier.parsed.epoch &&
           release_starts_with(version.release, stem);
}

} // namespace

bool looks_like_version_specifiers(std::string_view text) {
    const std::string start(trimmed(text));
    for (const char* op : operators) {
        if (starts_with(start, op)) {
            return true;
        }
    }
    return false;
}

std::optional<std::vector<VersionSpecifier>> parse_version_specifiers(std::string_view text) {
    std::vector<VersionSpecifier> specifiers;
    std::string::size_type start = 0;
    while (start <= text.size()) {
        std::string::size_type end = text.find(',', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string part(trimmed(text.substr(start, end - start)));
        start = end + 1;
        VersionSpecifier specifier;
        for (const char* op : operators) {
            if (starts_with(part, op)) {
                specifier.op = op;
                break;
            }
        }
        if (specifier.op.empty()) {
            return std::nullopt;
        }
        specifier.version =
            std::string(trimmed(std::string_view(part).substr(specifier.op.size())));
        if (specifier.op == "===") {
            if (specifier.version.empty()) {
                return std::nullopt;
            }
            specifiers.push_back(specifier);
            continue;
        }
        if (ends_with(specifier.version, ".*")) {
            if (specifier.op != "==" && specifier.op != "!=") {
                return std::nullopt;
            }
            specifier.prefix = true;
            specifier.version.resize(specifier.version.size() - 2);
        }
        std::optional<PackageVersion> parsed = parse_package_version(specifier.version);
        if (!parsed ||
            (specifier.prefix && (!parsed->local.empty() || parsed->dev || parsed->post ||
                                  parsed->pre_kind != PackageVersion::PreKind::None))) {
            return std::nullopt;
        }
        if (specifier.op == "~=" && release_length(specifier.version) < 2) {
            return std::nullopt;
        }
        specifier.parsed = *parsed;
        specifiers.push_back(specifier);
    }
    if (specifiers.empty()) {
        return std::nullopt;
    }
    return specifiers;
}

bool satisfies(const PackageVersion& version, const std::vector<VersionSpecifier>& specifiers) {
    for (const VersionSpecifier& specifier : specifiers) {
        if (!holds(version, specifier)) {
            return false;
        }
    }
    return true;
}

} // namespace cppvenv
