#include "catch_compat.hpp"
#include "util/package_version.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace cppvenv;

namespace {

struct VersionCorpus {
    std::vector<std::vector<std::string>> ordered_groups; // each group: equal versions
    std::vector<std::string> invalid;
};

// tests/versions/pep440_order.txt: the committed expected order.
VersionCorpus read_corpus() {
    std::ifstream file(CPPVENV_TEST_VERSIONS_DIR "/pep440_order.txt");
    REQUIRE(file);
    VersionCorpus corpus;
    bool in_invalid = false;
    for (std::string line; std::getline(file, line);) {
        if (line.rfind("# invalid", 0) == 0) {
            in_invalid = true;
        } else if (line.empty() || line[0] == '#') {
            continue;
        } else if (in_invalid) {
            corpus.invalid.push_back(line);
        } else {
            std::istringstream words(line);
            std::vector<std::string> group;
            for (std::string word; words >> word;) {
                group.push_back(word);
            }
            corpus.ordered_groups.push_back(group);
        }
    }
    return corpus;
}

} // namespace

TEST_CASE("versions follow PEP 440's order in the committed corpus") {
    const VersionCorpus corpus = read_corpus();
    REQUIRE(corpus.ordered_groups.size() > 50);
    for (size_t i = 0; i < corpus.ordered_groups.size(); ++i) {
        for (size_t j = 0; j < corpus.ordered_groups.size(); ++j) {
            const int expected = i < j ? -1 : i > j ? 1 : 0;
            for (const std::string& a : corpus.ordered_groups[i]) {
                for (const std::string& b : corpus.ordered_groups[j]) {
                    INFO(a << " vs " << b);
                    CHECK(compare_versions(a, b) == expected);
                }
            }
        }
    }
}

TEST_CASE("texts that are not PEP 440 versions are refused and sort before every version") {
    const VersionCorpus corpus = read_corpus();
    REQUIRE(!corpus.invalid.empty());
    for (const std::string& text : corpus.invalid) {
        INFO(text);
        CHECK_FALSE(parse_package_version(text));
        CHECK(compare_versions(text, "0.dev0") < 0);
        CHECK(compare_versions("0.dev0", text) > 0);
        CHECK(compare_versions(text, text) == 0);
    }
}

TEST_CASE("a pre-release is older and a post-release newer than its release") {
    CHECK(compare_versions("24.0rc1", "24.0") < 0);
    CHECK(compare_versions("24.0.post1", "24.0") > 0);
    CHECK(compare_versions("24.0.dev0", "24.0a1") < 0);
    CHECK(compare_versions("1!1.0", "2.0") > 0);
}

TEST_CASE("version numbers of any length compare without overflow") {
    CHECK(compare_versions("99999999999999999999999999", "99999999999999999999999998") > 0);
    CHECK(compare_versions("1.0.post99999999999999999999", "1.0.post1") > 0);
    CHECK(compare_versions("1.0+99999999999999999999", "1.0+abc") > 0);
    CHECK(compare_versions("0000000000000000000000001", "1") == 0);
}

TEST_CASE("version text around the version is trimmed, like packaging does") {
    CHECK(compare_versions("  1.0\n", "1.0") == 0);
    CHECK(compare_versions("\t1.0rc1 ", "1.0c1") == 0);
}
