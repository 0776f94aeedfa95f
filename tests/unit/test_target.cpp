#include "catch_compat.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/target_path.hpp"
#include "venv/target_state.hpp"

using namespace cppvenv;

TEST_CASE("target paths keep the target platform's separator") {
    TargetPath posix("/home/me/env", Platform::Posix);
    CHECK((posix / "lib/python3.12/site-packages").str() ==
          "/home/me/env/lib/python3.12/site-packages");
    CHECK(posix.filename() == "env");
    CHECK(posix.parent().str() == "/home/me");
    CHECK(TargetPath("/env", Platform::Posix).parent().str() == "/");
    TargetPath windows("C:/Users/me/env", Platform::Windows);
    CHECK(windows.str() == "C:\\Users\\me\\env");
    CHECK((windows / "Scripts/activate.bat").str() == "C:\\Users\\me\\env\\Scripts\\activate.bat");
    CHECK(windows.filename() == "env");
    CHECK(TargetPath("C:\\env", Platform::Windows).parent().str() == "C:\\");
}

TEST_CASE("apply mode: what exists at the target decides, and only venvs are ever cleared") {
    CreateOptions options;
    const boost::filesystem::path target = "/tmp/env";
    TargetState state;
    state.kind = TargetKind::Missing;
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::Fresh);

    state.kind = TargetKind::Venv;
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::InPlace);
    options.clear = true;
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::Replace);
    state.is_protected = true;
    CHECK_THROWS_AS(choose_apply_mode(target, state, options), Error);
    state.is_protected = false;

    state.kind = TargetKind::OtherDirectory;
    CHECK_THROWS_AS(choose_apply_mode(target, state, options), Error);
    options.existing = ExistingDirectory::Allow;
    CHECK_THROWS_AS(choose_apply_mode(target, state, options), Error); // still never cleared
    options.clear = false;
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::InPlace);
    options.existing = ExistingDirectory::Refuse;
    try {
        choose_apply_mode(target, state, options);
        FAIL("a non-empty folder that is not a venv was accepted");
    } catch (const Error& error) {
        CHECK(std::string(error.what()).find("--allow-existing") != std::string::npos);
    }

    state.kind = TargetKind::EmptyDirectory; // filled in place, never swapped
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::InPlace);
    state.kind = TargetKind::UnfinishedVenv; // a killed create: finished in place
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::InPlace);
    options.clear = true; // but never cleared: it has no pyvenv.cfg
    CHECK_THROWS_AS(choose_apply_mode(target, state, options), Error);

    state.kind = TargetKind::Venv; // --clear: only the venv's own entries go
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::Replace);
    state.has_other_entries = true;
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::ClearInPlace);
    state.has_other_entries = false;
    state.is_mount_point = true;
    CHECK(choose_apply_mode(target, state, options) == ApplyMode::ClearInPlace);
    state.is_mount_point = false;
    state.is_symlink = true;
    CHECK_THROWS_AS(choose_apply_mode(target, state, options), Error);
    options.clear = false;
    state.is_symlink = false;

    state.kind = TargetKind::NotADirectory;
    CHECK_THROWS_AS(choose_apply_mode(target, state, options), Error);
}
