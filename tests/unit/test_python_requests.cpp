// What -p takes from uv and virtualenv: PEP 440 specifiers, implementations,
// free-threaded builds; parsed, and matched against an interpreter's facts.
#include "catch_compat.hpp"
#include "python/discovery.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/version_specifier.hpp"

using namespace cppvenv;
using cppvenv::testing::pyenv_cpython_facts;

namespace {

bool satisfied(const std::string& version, const std::string& specifiers) {
    const std::optional<std::vector<VersionSpecifier>> parsed =
        parse_version_specifiers(specifiers);
    REQUIRE(parsed);
    const std::optional<PackageVersion> have = parse_package_version(version);
    REQUIRE(have);
    return satisfies(*have, *parsed);
}

InterpreterFacts facts_of(int minor, int micro, const std::string& implementation = "cpython",
                          bool free_threaded = false) {
    InterpreterFacts facts = pyenv_cpython_facts(minor);
    facts.micro = micro;
    facts.implementation = implementation;
    facts.free_threaded = free_threaded;
    return facts;
}

bool matches(const std::string& spec, const InterpreterFacts& facts) {
    return interpreter_matches(parse_python_spec(spec, Platform::Posix), facts);
}

} // namespace

TEST_CASE("PEP 440 specifiers hold as pip's packaging says") {
    CHECK(satisfied("3.12.1", ">=3.12"));
    CHECK_FALSE(satisfied("3.11.7", ">=3.12"));
    CHECK(satisfied("3.11.0", "~=3.11"));
    CHECK(satisfied("3.13.0", "~=3.11")); // ~=3.11 is >=3.11, ==3.*
    CHECK_FALSE(satisfied("4.0", "~=3.11"));
    CHECK(satisfied("3.11.9", "~=3.11.2"));
    CHECK_FALSE(satisfied("3.12.0", "~=3.11.2"));
    CHECK(satisfied("3.9.18", ">=3.9,<3.12"));
    CHECK(satisfied("3.11.7", ">=3.9, <3.12"));
    CHECK_FALSE(satisfied("3.12.1", ">=3.9,<3.12"));
    CHECK_FALSE(satisfied("3.8.18", ">=3.9,<3.12"));
    CHECK(satisfied("3.12.0", "==3.12"));
    CHECK_FALSE(satisfied("3.12.1", "==3.12"));
    CHECK(satisfied("3.12.1", "==3.12.*"));
    CHECK_FALSE(satisfied("3.13.0", "==3.12.*"));
    CHECK(satisfied("3.13.0", "!=3.12.*"));
    CHECK(satisfied("3.12.1", ">3.12"));
    CHECK(satisfied("3.12.0", "<=3.12"));
}

TEST_CASE("malformed specifiers are refused") {
    CHECK_FALSE(parse_version_specifiers(">3.x"));
    CHECK_FALSE(parse_version_specifiers("~=3"));
    CHECK_FALSE(parse_version_specifiers(">=3.12.*"));
    CHECK_FALSE(parse_version_specifiers(">=3.9,"));
    CHECK_FALSE(parse_version_specifiers("3.12"));
    CHECK_THROWS_AS(parse_python_spec(">=three", Platform::Posix), UsageError);
}

TEST_CASE("python spec: implementations, free-threaded builds and specifiers are requests") {
    PythonSpec spec = parse_python_spec("cpython3.12", Platform::Posix);
    CHECK(spec.kind == PythonSpecKind::Request);
    CHECK(spec.implementation == "cpython");
    CHECK(spec.version == std::vector<int>{3, 12});
    spec = parse_python_spec("PyPy@3.9", Platform::Posix);
    CHECK(spec.implementation == "pypy");
    CHECK(spec.version == std::vector<int>{3, 9});
    spec = parse_python_spec("python3.13t", Platform::Posix);
    CHECK(spec.kind == PythonSpecKind::Request);
    CHECK(spec.free_threaded);
    CHECK(spec.implementation.empty());
    spec = parse_python_spec("3.13t", Platform::Posix);
    CHECK((spec.free_threaded && spec.version == std::vector<int>{3, 13}));
    spec = parse_python_spec(">=3.9,<3.12", Platform::Posix);
    CHECK(spec.kind == PythonSpecKind::Request);
    CHECK(spec.specifiers.size() == 2);
    // Unchanged: plain versions, command names, paths.
    CHECK(parse_python_spec("3.12", Platform::Posix).kind == PythonSpecKind::Version);
    CHECK(parse_python_spec("python3.12", Platform::Posix).kind == PythonSpecKind::CommandName);
    CHECK(parse_python_spec("pypy3-custom", Platform::Posix).kind == PythonSpecKind::CommandName);
    CHECK(parse_python_spec("/opt/python3.12", Platform::Posix).kind == PythonSpecKind::Path);
}

TEST_CASE("a request matches only the implementation, version and build it names") {
    CHECK(matches("cpython3.12", facts_of(12, 1)));
    CHECK_FALSE(matches("cpython3.12", facts_of(11, 7)));
    CHECK_FALSE(matches("cpython", facts_of(9, 16, "pypy")));
    CHECK(matches("pypy", facts_of(9, 16, "pypy")));
    CHECK(matches("pypy3.9", facts_of(9, 16, "pypy")));
    CHECK_FALSE(matches("pypy3.10", facts_of(9, 16, "pypy")));
    CHECK_FALSE(matches("3.13t", facts_of(13, 0))); // a GIL build is not free-threaded
    CHECK(matches("3.13t", facts_of(13, 0, "cpython", true)));
    CHECK(matches("python3.13t", facts_of(13, 0, "cpython", true)));
    CHECK_FALSE(matches("python3.13t", facts_of(12, 1, "cpython", true)));
    CHECK(matches(">=3.9,<3.12", facts_of(11, 7)));
    CHECK_FALSE(matches(">=3.9,<3.12", facts_of(12, 1)));
    CHECK(matches("cpython>=3.12", facts_of(13, 0)));
    CHECK_FALSE(matches("cpython>=3.12", facts_of(13, 0, "pypy")));
}
