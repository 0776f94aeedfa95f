// Names that are not valid UTF-8 (file names are bytes): the --json output rule,
// the facts JSON that carries them exactly, and pyvenv.cfg, which cannot.
#include "catch_compat.hpp"
#include "cli/json_output.hpp"
#include "python/facts_cache.hpp"
#include "python/facts_json.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/utf8.hpp"
#include "venv/pyvenv_cfg.hpp"

#include <boost/filesystem/operations.hpp>
#include <nlohmann/json.hpp>

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
using cppvenv::testing::write_text;
namespace fs = boost::filesystem;

namespace {
const std::string undecodable_folder = "/srv/odd-\xff-dir"; // 0xff is never UTF-8
} // namespace

TEST_CASE("UTF-8 is valid only when well-formed") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x8d"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("caf\xe9"));          // Latin-1
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));         // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));     // a surrogate
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80")); // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xe2\x82"));         // cut short
}

TEST_CASE("each byte that is not UTF-8 is replaced by one U+FFFD, the rest kept") {
    CHECK(with_invalid_utf8_replaced("a\xff\xfe"
                                     "b\xc3\xa9") == "a\xef\xbf\xbd\xef\xbf\xbd"
                                                     "b\xc3\xa9");
    CHECK(with_invalid_utf8_replaced("\xe2\x82") == "\xef\xbf\xbd\xef\xbf\xbd");
}

TEST_CASE("bytes survive a round trip through hex") {
    const std::string bytes("\x00\xff/a\x7f", 5);
    CHECK(hex_of_bytes(bytes) == "00ff2f617f");
    CHECK(bytes_of_hex("00FF2f617f") == bytes);
    CHECK_FALSE(bytes_of_hex("abc").has_value());
    CHECK_FALSE(bytes_of_hex("zz").has_value());
}

TEST_CASE("JSON output is valid for any bytes, with the exact bytes beside") {
    const std::string path = undecodable_folder + "/.venv";
    const nlohmann::ordered_json document = {
        {{"path", path}, {"version", "3.12.1"}, {"sources", {path}}},
    };
    const nlohmann::json printed = nlohmann::json::parse(json_output_text(document));
    CHECK(printed[0]["path"] == "/srv/odd-\xef\xbf\xbd-dir/.venv");
    CHECK(printed[0]["path_bytes"] == hex_of_bytes(path));
    CHECK(printed[0]["sources"][0] == "/srv/odd-\xef\xbf\xbd-dir/.venv");
    CHECK_FALSE(printed[0].contains("version_bytes"));
}

TEST_CASE("JSON output keeps valid UTF-8 as it is, and the members' order") {
    const nlohmann::ordered_json document = {{"b", "caf\xc3\xa9"}, {"a", nullptr}};
    CHECK(json_output_text(document) == "{\n  \"b\": \"caf\xc3\xa9\",\n  \"a\": null\n}");
}

TEST_CASE("interpreter facts carry paths that are not UTF-8 as their exact bytes") {
    InterpreterFacts facts = testing::pyenv_cpython_facts(12);
    facts.base_prefix = undecodable_folder;
    facts.executable = undecodable_folder + "/bin/python3.12";
    facts.ensurepip_wheels[0].path = undecodable_folder + "/pip.whl";
    const std::string text = facts_to_json(facts);
    CHECK(text.find("{\"bytes\":\"" + hex_of_bytes(undecodable_folder) + "\"}") !=
          std::string::npos);
    const InterpreterFacts back = facts_from_json(text);
    CHECK(back.base_prefix == facts.base_prefix);
    CHECK(back.executable == facts.executable);
    CHECK(back.ensurepip_wheels[0].path == facts.ensurepip_wheels[0].path);
}

TEST_CASE("facts from the inspection script's {\"bytes\": HEX} decode to those bytes") {
    // What inspect_interpreter.py prints for an interpreter under a folder named
    // with byte 0xff.
    nlohmann::json printed = nlohmann::json::parse(facts_to_json(testing::pyenv_cpython_facts(12)));
    printed["base_prefix"] = {{"bytes", "2f78ff"}};
    CHECK(facts_from_json(printed.dump()).base_prefix == "/x\xff");
    printed["base_prefix"] = {{"bytes", "2f7"}};
    CHECK_THROWS_AS(facts_from_json(printed.dump()), Error);
}

TEST_CASE("facts of an interpreter whose path is not UTF-8 are cached") {
    TemporaryDirectory root;
    const fs::path python = root.path() / "odd-\xff" / "python3";
    write_text(python, "binary", 0755);
    FactsCache cache(root.path() / "cache");
    const auto key = facts_cache_key(python, "script");
    REQUIRE(key.has_value());
    InterpreterFacts facts = testing::pyenv_cpython_facts(12);
    facts.executable = python.string();
    cache.store(*key, facts);
    REQUIRE(cache.load(*key).has_value());
    CHECK(cache.load(*key)->executable == python.string());
}

TEST_CASE("pyvenv.cfg refuses a value that is not UTF-8, which Python could not read") {
    PyvenvCfg cfg;
    cfg.home = undecodable_folder + "/bin";
    cfg.version = "3.12.1";
    CHECK_THROWS_WITH(render_pyvenv_cfg(cfg),
                      Catch::Contains("not valid UTF-8") && Catch::Contains("home"));
    cfg.home = "/srv/caf\xc3\xa9/bin";
    CHECK(render_pyvenv_cfg(cfg).find("home = /srv/caf\xc3\xa9/bin\n") == 0);
}
