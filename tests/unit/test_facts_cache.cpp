#include "catch_compat.hpp"
#include "python/facts_cache.hpp"
#include "python/facts_json.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <boost/filesystem/operations.hpp>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
using cppvenv::testing::write_text;
namespace fs = boost::filesystem;

TEST_CASE("facts survive a JSON round trip") {
    InterpreterFacts facts = testing::pyenv_cpython_facts(12);
    InterpreterFacts back = facts_from_json(facts_to_json(facts));
    CHECK(back.executable == facts.executable);
    CHECK(back.version_string() == "3.12.1");
    REQUIRE(back.ensurepip_wheels.size() == 1);
    CHECK(back.ensurepip_wheels[0].path == facts.ensurepip_wheels[0].path);
    CHECK_THROWS_AS(facts_from_json("{\"implementation\": 1}"), Error);
    CHECK_THROWS_AS(facts_from_json("not json"), Error);
}

TEST_CASE("facts cache returns what was stored while the interpreter is unchanged") {
    TemporaryDirectory root;
    fs::path python = root.path() / "python3";
    write_text(python, "binary v1", 0755);
    FactsCache cache(root.path() / "cache");
    auto key = facts_cache_key(python, "script-1");
    REQUIRE(key.has_value());
    CHECK_FALSE(cache.load(*key).has_value());
    cache.store(*key, testing::pyenv_cpython_facts(12));
    REQUIRE(cache.load(*key).has_value());
    CHECK(cache.load(*key)->minor == 12);

    SECTION("a new inspection script invalidates it") {
        CHECK_FALSE(cache.load(*facts_cache_key(python, "script-2")).has_value());
    }
    SECTION("a changed interpreter file invalidates it") {
        fs::remove(python);
        write_text(python, "binary v2, longer", 0755);
        CHECK_FALSE(cache.load(*facts_cache_key(python, "script-1")).has_value());
    }
    SECTION("a corrupt entry is ignored, then rewritten") {
        write_text(cache.entry_path(*key), "{ half a json");
        CHECK_FALSE(cache.load(*key).has_value());
        cache.store(*key, testing::pyenv_cpython_facts(12));
        CHECK(cache.load(*key).has_value());
    }
}

TEST_CASE("facts cache keys differ for two names of one interpreter") {
    TemporaryDirectory root;
    write_text(root.path() / "python3.11", "binary", 0755);
    fs::create_symlink("python3.11", root.path() / "python3");
    FactsCache cache(root.path() / "cache");
    auto by_link = facts_cache_key(root.path() / "python3", "s");
    auto by_file = facts_cache_key(root.path() / "python3.11", "s");
    REQUIRE(by_link.has_value());
    REQUIRE(by_file.has_value());
    CHECK(by_link->real_path == by_file->real_path);
    CHECK(cache.entry_path(*by_link) != cache.entry_path(*by_file));
}
