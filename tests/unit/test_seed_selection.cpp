// Which wheels seed a venv: wheel file names, tags, the choice among seed
// folders and the bundle, and how --upgrade-deps and Windows change it.
#include "catch_compat.hpp"
#include "seed/requires_python.hpp"
#include "seed/seed_folders.hpp"
#include "seed/seed_selection.hpp"
#include "seed/wheel_filename.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "venv/pip_arrival.hpp"
#include "venv/plan.hpp"

using namespace cppvenv;
using cppvenv::testing::TemporaryDirectory;
namespace fs = boost::filesystem;

namespace {

std::string projects_and_versions(const std::vector<BundledWheel>& wheels) {
    std::string text;
    for (const BundledWheel& wheel : wheels) {
        text += (text.empty() ? "" : " ") + wheel.project + "=" + wheel.version + "@" + wheel.path;
    }
    return text;
}

BundledWheel wheel_of(const std::string& project, const std::string& version,
                      const std::string& where) {
    return {project, version, where + "/" + project + "-" + version + "-py3-none-any.whl"};
}

// Two folders, /a and /b, and a bundle like Debian's python3.11 has.
SeedCandidates two_folders() {
    SeedCandidates candidates;
    candidates.folders = {"/a", "/b"};
    candidates.folder_wheels = {{wheel_of("pip", "24.0", "/a"), 0, ""},
                                {wheel_of("pip", "23.3", "/a"), 0, ""},
                                {wheel_of("pip", "24.2", "/b"), 1, ""},
                                {wheel_of("pip", "24.0", "/b"), 1, ""},
                                {wheel_of("wheel", "0.43.0", "/b"), 1, ""}};
    candidates.bundled = {wheel_of("pip", "23.0.1", "/bundle"),
                          wheel_of("setuptools", "66.1.1", "/bundle")};
    return candidates;
}

SeedRequests requests(const char* pip, const char* setuptools, const char* wheel) {
    auto parse = [](const char* option, const char* text) {
        return parse_seed_request(option, text ? std::optional<std::string>(text) : std::nullopt);
    };
    return {parse("--pip", pip), parse("--setuptools", setuptools), parse("--wheel", wheel)};
}

} // namespace

TEST_CASE("wheel file names: the five or six fields of the format, nothing else") {
    const auto pip = parse_wheel_filename("pip-24.0-py3-none-any.whl");
    REQUIRE(pip);
    CHECK(pip->distribution == "pip");
    CHECK(pip->version == "24.0");
    CHECK(pip->build_tag.empty());
    CHECK(pip->python_tags == std::vector<std::string>{"py3"});
    const auto built = parse_wheel_filename("setuptools-40.6.2-1local-py2.py3-none-any.whl");
    REQUIRE(built);
    CHECK(built->build_tag == "1local");
    CHECK(built->python_tags == std::vector<std::string>{"py2", "py3"});
    CHECK(parse_wheel_filename("Flit_Core-3.9.0-py3-none-any.whl"));
    for (const char* refused :
         {"pip-24.0-py3-none-any.zip", "pip-24.0-py3-none.whl", "pip-24.0-x-1-py3-none-any.whl",
          "pip-24.0-local-py3-none-any.whl", "pip-not.a.version-py3-none-any.whl",
          "pip-24.0-py3..py2-none-any.whl", "-24.0-py3-none-any.whl", "_pip-24.0-py3-none-any.whl",
          "pip-24.0$(id)-py3-none-any.whl", "../pip-24.0-py3-none-any.whl",
          "pip-24.0-py3-none-any\n.whl", ".whl", "pip-24.0-py3 -none-any.whl",
          "pip-24.0--py3-none-any.whl"}) {
        INFO(refused);
        CHECK_FALSE(parse_wheel_filename(refused));
    }
}

TEST_CASE("wheel file names: project names compare as PEP 503 normalizes them") {
    CHECK(normalized_project_name("Flit_Core") == "flit-core");
    CHECK(normalized_project_name("a.-_b") == "a-b");
    CHECK(normalized_project_name("PIP") == "pip");
}

TEST_CASE("seed wheels: only pure-python tags this Python accepts") {
    auto accepts = [](const char* name, const char* implementation, int minor) {
        return is_pure_python_wheel_for(*parse_wheel_filename(name), implementation, 3, minor);
    };
    CHECK(accepts("pip-24.0-py3-none-any.whl", "cpython", 12));
    CHECK(accepts("pip-18.1-py2.py3-none-any.whl", "pypy", 9));
    CHECK(accepts("x-1-py38-none-any.whl", "cpython", 11));
    CHECK_FALSE(accepts("x-1-py312-none-any.whl", "cpython", 11));
    CHECK(accepts("x-1-cp311-none-any.whl", "cpython", 11));
    CHECK_FALSE(accepts("x-1-cp311-none-any.whl", "pypy", 11));
    CHECK_FALSE(accepts("x-1-cp312-none-any.whl", "cpython", 11));
    CHECK_FALSE(accepts("x-1-py2-none-any.whl", "cpython", 11));
    CHECK_FALSE(accepts("x-1-py3-abi3-any.whl", "cpython", 11));
    CHECK_FALSE(accepts("x-1-py3-none-manylinux1_x86_64.whl", "cpython", 11));
    CHECK_FALSE(accepts("x-1-cp311-cp311-manylinux1_x86_64.whl", "cpython", 11));
}

TEST_CASE("seed wheels: the .dist-info must name the project and version of the file name") {
    const WheelFilename pip = *parse_wheel_filename("pip-24.0-py3-none-any.whl");
    CHECK(dist_info_matches("pip-24.0.dist-info", pip));
    CHECK(dist_info_matches("PIP-24.0.0.dist-info", pip));
    CHECK_FALSE(dist_info_matches("evil-1.0.dist-info", pip));
    CHECK_FALSE(dist_info_matches("pip-24.1.dist-info", pip));
    CHECK_FALSE(dist_info_matches("pip.dist-info", pip));
    CHECK_FALSE(dist_info_matches("pip-24.0", pip));
    CHECK(dist_info_matches("flit_core-3.9.0.dist-info",
                            *parse_wheel_filename("flit_core-3.9.0-py3-none-any.whl")));
}

TEST_CASE("seed requests: a version or bundle or none and anything else is a usage error") {
    CHECK(parse_seed_request("--pip", std::nullopt).kind == SeedRequestKind::Default);
    CHECK(parse_seed_request("--pip", std::string("bundle")).kind == SeedRequestKind::Bundle);
    CHECK(parse_seed_request("--pip", std::string("none")).kind == SeedRequestKind::None);
    const SeedRequest exact = parse_seed_request("--pip", std::string("24.0"));
    CHECK(exact.kind == SeedRequestKind::Exact);
    CHECK(exact.version == "24.0");
    CHECK_THROWS_AS(parse_seed_request("--pip", std::string("")), UsageError);
    CHECK_THROWS_WITH(parse_seed_request("--wheel", std::string("latest")),
                      "--wheel 'latest': expected a version (24.0), bundle or none");
}

TEST_CASE("seed choice: by default what ensurepip bundles — pip and setuptools up to 3.11") {
    SeedCandidates bundle_only;
    bundle_only.bundled = two_folders().bundled;
    CHECK(projects_and_versions(
              select_seed_wheels(requests(nullptr, nullptr, nullptr), bundle_only, 3, 11)) ==
          "pip=23.0.1@/bundle/pip-23.0.1-py3-none-any.whl "
          "setuptools=66.1.1@/bundle/setuptools-66.1.1-py3-none-any.whl");
    bundle_only.bundled.pop_back();
    CHECK(projects_and_versions(
              select_seed_wheels(requests(nullptr, nullptr, nullptr), bundle_only, 3, 12)) ==
          "pip=23.0.1@/bundle/pip-23.0.1-py3-none-any.whl");
    CHECK(seeded_by_default("setuptools", 3, 11));
    CHECK_FALSE(seeded_by_default("setuptools", 3, 12));
    CHECK_FALSE(seeded_by_default("wheel", 3, 7));
}

TEST_CASE("seed choice: by default the first folder that has a project, its newest there") {
    const auto chosen =
        select_seed_wheels(requests(nullptr, nullptr, nullptr), two_folders(), 3, 11);
    // pip from /a (24.0, though /b has 24.2: the order given decides), setuptools
    // from the bundle (no folder has it), no wheel (ensurepip never seeds it).
    CHECK(projects_and_versions(chosen) ==
          "pip=24.0@/a/pip-24.0-py3-none-any.whl "
          "setuptools=66.1.1@/bundle/setuptools-66.1.1-py3-none-any.whl");
}

TEST_CASE("seed choice: an exact version from the first place that has it, by PEP 440") {
    CHECK(projects_and_versions(
              select_seed_wheels(requests("24.0.0", "none", "0.43"), two_folders(), 3, 11)) ==
          "pip=24.0@/a/pip-24.0-py3-none-any.whl wheel=0.43.0@/b/wheel-0.43.0-py3-none-any.whl");
    CHECK(projects_and_versions(
              select_seed_wheels(requests("23.0.1", "none", nullptr), two_folders(), 3, 11)) ==
          "pip=23.0.1@/bundle/pip-23.0.1-py3-none-any.whl");
}

TEST_CASE("seed choice: an exact version nobody has is one line listing what was found") {
    CHECK_THROWS_WITH(
        select_seed_wheels(requests("23.2", nullptr, nullptr), two_folders(), 3, 11),
        "no pip 23.2 in --seed-from /a, /b or the interpreter's bundle (found: pip 24.0 in /a, "
        "pip 23.3 in /a, pip 24.2 in /b, pip 24.0 in /b, pip 23.0.1 bundled)");
    SeedCandidates bundle_only;
    bundle_only.bundled = two_folders().bundled;
    CHECK_THROWS_WITH(select_seed_wheels(requests(nullptr, nullptr, "0.43"), bundle_only, 3, 11),
                      "no wheel 0.43 in the interpreter's bundle (found: no wheel wheel)");
}

TEST_CASE("seed choice: bundle ignores the folders and none installs nothing") {
    CHECK(projects_and_versions(
              select_seed_wheels(requests("bundle", "none", "none"), two_folders(), 3, 11)) ==
          "pip=23.0.1@/bundle/pip-23.0.1-py3-none-any.whl");
    CHECK(select_seed_wheels(requests("none", "none", "none"), two_folders(), 3, 11).empty());
    CHECK_THROWS_WITH(
        select_seed_wheels(requests(nullptr, nullptr, "bundle"), two_folders(), 3, 11),
        "no bundled wheel wheel in the interpreter's bundle (found: wheel 0.43.0 in /b)");
}

TEST_CASE("seed choice: newest looks everywhere and an equal version comes from the first place") {
    SeedRequests newest = requests("none", "none", "none");
    newest.pip.kind = SeedRequestKind::Newest;
    CHECK(projects_and_versions(select_seed_wheels(newest, two_folders(), 3, 11)) ==
          "pip=24.2@/b/pip-24.2-py3-none-any.whl");
    SeedCandidates tie = two_folders();
    tie.bundled[0] = wheel_of("pip", "24.2", "/bundle");
    CHECK(projects_and_versions(select_seed_wheels(newest, tie, 3, 11)) ==
          "pip=24.2@/b/pip-24.2-py3-none-any.whl");
    newest.setuptools.kind = SeedRequestKind::Newest;
    CHECK(select_seed_wheels(newest, two_folders(), 3, 11).back().version == "66.1.1");
}

TEST_CASE("build tags: none first, then by their number, then by the rest as text") {
    CHECK(compare_build_tags("", "") == 0);
    CHECK(compare_build_tags("", "1") < 0);
    CHECK(compare_build_tags("2", "10") < 0);
    CHECK(compare_build_tags("10", "2") > 0);
    CHECK(compare_build_tags("010", "10") == 0);
    CHECK(compare_build_tags("10", "10a") < 0);
    CHECK(compare_build_tags("99999999999999999999999", "99999999999999999999998") > 0);
}

TEST_CASE("seed choice: in one folder the highest build of a version, then the first place") {
    SeedCandidates candidates;
    candidates.folders = {"/a", "/b"};
    for (const char* build : {"", "1", "2", "10"}) {
        BundledWheel wheel = wheel_of("pip", "99.0", "/a");
        wheel.path += build;
        candidates.folder_wheels.push_back({wheel, 0, "", build});
    }
    candidates.folder_wheels.push_back({wheel_of("pip", "99.0", "/b"), 1, "", "20"});
    for (SeedRequests asked :
         {requests(nullptr, "none", "none"), requests("99.0", "none", "none")}) {
        CHECK(select_seed_wheels(asked, candidates, 3, 12).front().path ==
              "/a/pip-99.0-py3-none-any.whl10");
    }
    SeedRequests newest = requests("none", "none", "none");
    newest.pip.kind = SeedRequestKind::Newest;
    CHECK(select_seed_wheels(newest, candidates, 3, 12).front().path ==
          "/a/pip-99.0-py3-none-any.whl10");
}

TEST_CASE("seed choice: a final release before any pre-release unless one is asked for") {
    SeedCandidates candidates;
    candidates.folders = {"/a"};
    candidates.folder_wheels = {{wheel_of("pip", "99.0", "/a"), 0, ""},
                                {wheel_of("pip", "100.0rc1", "/a"), 0, ""},
                                {wheel_of("pip", "101.0.dev1", "/a"), 0, ""}};
    candidates.bundled = {wheel_of("pip", "24.0", "/bundle")};
    SeedRequests newest = requests("none", "none", "none");
    newest.pip.kind = SeedRequestKind::Newest;
    CHECK(select_seed_wheels(newest, candidates, 3, 12).front().version == "99.0");
    CHECK(
        select_seed_wheels(requests(nullptr, "none", "none"), candidates, 3, 12).front().version ==
        "99.0");
    CHECK(select_seed_wheels(requests("100.0rc1", "none", "none"), candidates, 3, 12)
              .front()
              .version == "100.0rc1");
    candidates.folder_wheels.erase(candidates.folder_wheels.begin());
    CHECK(
        select_seed_wheels(requests(nullptr, "none", "none"), candidates, 3, 12).front().version ==
        "101.0.dev1");
    // Everywhere: the bundle's final release before the folder's pre-releases.
    CHECK(select_seed_wheels(newest, candidates, 3, 12).front().version == "24.0");
}

TEST_CASE("seed choice: a wheel that cannot seed this Python is never chosen but is listed") {
    SeedCandidates candidates = two_folders();
    candidates.folder_wheels.push_back({wheel_of("pip", "25.1", "/a"), 0, "requires Python >=3.9"});
    SeedRequests newest = requests("none", "none", "none");
    newest.pip.kind = SeedRequestKind::Newest;
    CHECK(select_seed_wheels(newest, candidates, 3, 8).front().version == "24.2");
    CHECK(
        select_seed_wheels(requests(nullptr, "none", nullptr), candidates, 3, 8).front().version ==
        "24.0");
    CHECK_THROWS_WITH(select_seed_wheels(requests("25.1", "none", nullptr), candidates, 3, 8),
                      Catch::Contains("pip 25.1 in /a (requires Python >=3.9)"));
    // A folder whose only pip cannot be used is passed by for the next place.
    SeedCandidates only_unusable;
    only_unusable.folders = {"/a"};
    only_unusable.folder_wheels = {{wheel_of("pip", "25.1", "/a"), 0, "requires Python >=3.9"}};
    only_unusable.bundled = two_folders().bundled;
    CHECK(select_seed_wheels(requests(nullptr, "none", nullptr), only_unusable, 3, 8)
              .front()
              .version == "23.0.1");
}

TEST_CASE("Requires-Python: PEP 440 specifier sets against a Python version as pip reads them") {
    CHECK(python_satisfies(">=3.8", "3.8.18") == true);
    CHECK(python_satisfies(">=3.8", "3.7.16") == false);
    CHECK(python_satisfies(">=3.10", "3.9.18") == false);
    CHECK(python_satisfies(" >=2.7, !=3.0.*, !=3.1.*, !=3.2.*", "3.11.2") == true);
    CHECK(python_satisfies(">=2.7,!=3.0.*,!=3.1.*", "3.1.4") == false);
    CHECK(python_satisfies("==3.*", "3.12.1") == true);
    CHECK(python_satisfies("!=3.10.*", "3.1.0") == true);
    CHECK(python_satisfies("~=3.9", "3.12.1") == true);
    CHECK(python_satisfies("~=3.9", "3.8.18") == false);
    CHECK(python_satisfies("~=3.9.1", "3.10.0") == false);
    CHECK(python_satisfies("<3.12", "3.12.0") == false);
    CHECK(python_satisfies(">3.7", "3.7.1") == true);
    CHECK(python_satisfies("==3.11", "3.11.0") == true);
    CHECK(python_satisfies("===3.11.2", "3.11.2") == true);
    CHECK(python_satisfies("", "3.11.2") == true);
    CHECK_FALSE(python_satisfies("3.8", "3.11.2"));
    CHECK_FALSE(python_satisfies(">=3.8,,<4", "3.11.2"));
    CHECK_FALSE(python_satisfies(">=three", "3.11.2"));
    CHECK_FALSE(python_satisfies(">=3.*", "3.11.2"));
    CHECK_FALSE(python_satisfies("~=3", "3.11.2"));
}

TEST_CASE("pip's arrival: --upgrade-deps with --seed-from asks for the newest, without pip") {
    InterpreterFacts facts = testing::debian_python3_facts();
    facts.ensurepip_wheels = two_folders().bundled;
    CreateOptions options;
    options.seed_from = {"/a", "/b"};
    options.upgrade_deps = true;
    const SeedCandidates candidates = two_folders();
    PipChoice choice = choose_pip_source(facts, options, candidates.folder_wheels);
    REQUIRE(choice.source == PipSource::BundledWheels);
    REQUIRE(choice.wheels.size() == 2);
    CHECK(choice.wheels[0].path == "/b/pip-24.2-py3-none-any.whl");
    CHECK(choice.wheels[1].project == "setuptools");
    options.seed_setuptools = "none";
    CHECK(choose_pip_source(facts, options, candidates.folder_wheels).wheels.size() == 1);
    options.seed_pip = "24.0";
    CHECK_THROWS_WITH(choose_pip_source(facts, options, candidates.folder_wheels),
                      "--upgrade-deps installs the newest pip found; it contradicts --pip 24.0");
    options.seed_pip = "none";
    options.seed_from.clear();
    CHECK_THROWS_AS(choose_pip_source(facts, options, {}), UsageError);
}

TEST_CASE(
    "pip's arrival: without choices and without a bundled wheel ensurepip and with them an error") {
    InterpreterFacts facts = testing::pyenv_cpython_facts(12);
    facts.ensurepip_wheels.clear();
    CreateOptions options;
    CHECK(choose_pip_source(facts, options, {}).source == PipSource::RunEnsurepip);
    options.seed_pip = "none";
    CHECK(choose_pip_source(facts, options, {}).source == PipSource::None);
    options.seed_pip.reset();
    options.seed_wheel = "0.43.0";
    options.seed_from = {"/b"};
    const std::vector<SeedFolderWheel> in_b = {{wheel_of("wheel", "0.43.0", "/b"), 0, ""}};
    CHECK_THROWS_WITH(choose_pip_source(facts, options, in_b),
                      "no pip wheel in --seed-from /b or the interpreter's bundle (found: no pip "
                      "wheel)");
    options.seed_pip = "none";
    const PipChoice wheel_only = choose_pip_source(facts, options, in_b);
    CHECK(projects_and_versions(wheel_only.wheels) ==
          "wheel=0.43.0@/b/wheel-0.43.0-py3-none-any.whl");
}

TEST_CASE("seed folders: wheels of the three projects for this Python and the rest passed over") {
    TemporaryDirectory temporary;
    const fs::path folder = temporary.path() / "seeds";
    const fs::path outside = temporary.path() / "outside";
    for (const char* name :
         {"pip-24.0-py3-none-any.whl", "wheel-0.43.0-py3-none-any.whl",
          "requests-2.0-py3-none-any.whl", "pip-25.0-cp39-cp39-manylinux1_x86_64.whl",
          "pip-99-py3-none-any.whl.part", "pip-98$(id)-py3-none-any.whl",
          "Setuptools-70.0-py3-none-any.whl"}) {
        testing::write_text(folder / name, "not really a wheel");
    }
    testing::write_text(outside / "pip-97-py3-none-any.whl", "x");
    fs::create_symlink(outside / "pip-97-py3-none-any.whl", folder / "pip-97-py3-none-any.whl");
    fs::create_symlink("pip-24.0-py3-none-any.whl", folder / "pip-24.0.0-py3-none-any.whl");
    fs::create_directory(folder / "pip-96-py3-none-any.whl");
    const std::vector<SeedFolderWheel> found =
        find_seed_folder_wheels({folder.string()}, testing::debian_python3_facts());
    std::vector<BundledWheel> wheels;
    for (const SeedFolderWheel& entry : found) {
        CHECK(entry.folder == 0);
        wheels.push_back(entry.wheel);
    }
    const std::string in = folder.string() + "/";
    // In byte order of the names; the symlink inside the folder is read as the
    // file it names.
    CHECK(projects_and_versions(wheels) ==
          "setuptools=70.0@" + in + "Setuptools-70.0-py3-none-any.whl pip=24.0@" + in +
              "pip-24.0-py3-none-any.whl pip=24.0.0@" + fs::canonical(folder).string() +
              "/pip-24.0-py3-none-any.whl wheel=0.43.0@" + in + "wheel-0.43.0-py3-none-any.whl");
    for (const SeedFolderWheel& entry : found) {
        CHECK(entry.unusable == "not a readable wheel"); // the files above are text
    }
    CHECK_THROWS_WITH(find_seed_folder_wheels({(temporary.path() / "nope").string()},
                                              testing::debian_python3_facts()),
                      "--seed-from " + (temporary.path() / "nope").string() + ": no such folder");
}
