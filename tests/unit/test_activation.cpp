#include "activation/activation.hpp"
#include "activation/shell_quoting.hpp"
#include "activation/template_rendering.hpp"
#include "catch_compat.hpp"
#include "util/error.hpp"

#include <string>

using namespace cppvenv;

namespace {

const std::string hostile = "sp ace 'q\"d`bt$(touch PWNED)${HOME};&|!%\\*\xc3\xa9\xf0\x9f\x90\x8d";
const std::string with_newline = std::string("a\nb");
const std::string with_nul = std::string("a\0b", 3);

ActivationValues posix_values(const std::string& dir, const std::string& prompt) {
    return {TargetPath(dir, Platform::Posix), "bin", prompt};
}

ActivationValues windows_values(const std::string& dir, const std::string& prompt) {
    return {TargetPath(dir, Platform::Windows), "Scripts", prompt};
}

const ActivationScript& entry_named(const std::vector<ActivationScript>& entries,
                                    const std::string& path) {
    for (const ActivationScript& entry : entries) {
        if (entry.relative_path == path) {
            return entry;
        }
    }
    FAIL("no entry " << path);
    throw 0;
}

} // namespace

TEST_CASE("POSIX sh quoting uses single quotes and writes ' as '\\''") {
    CHECK(quote_for_posix_sh("") == "''");
    CHECK(quote_for_posix_sh("a b") == "'a b'");
    CHECK(quote_for_posix_sh("it's") == "'it'\\''s'");
    CHECK(quote_for_posix_sh("$(x)`y`\\") == "'$(x)`y`\\'");
    CHECK(quote_for_posix_sh(with_newline) == "'a\nb'");
    CHECK_THROWS_AS(quote_for_posix_sh(with_nul), Error);
}

TEST_CASE("fish quoting escapes backslash and single quote inside single quotes") {
    CHECK(quote_for_fish("a b") == "'a b'");
    CHECK(quote_for_fish("\\'';echo X;#") == "'\\\\\\'\\';echo X;#'");
    CHECK(quote_for_fish("$(x)") == "'$(x)'");
    CHECK_THROWS_AS(quote_for_fish(with_nul), Error);
}

TEST_CASE("csh quoting escapes ! and refuses line breaks") {
    CHECK(quote_for_csh("a!b") == "'a\\!b'");
    CHECK(quote_for_csh("it's") == "'it'\\''s'");
    CHECK_THROWS_AS(quote_for_csh(with_newline), Error);
    CHECK_THROWS_AS(quote_for_csh("a\rb"), Error);
    CHECK_THROWS_AS(quote_for_csh(with_nul), Error);
}

TEST_CASE("nushell quoting uses a raw string with more # than the text can close") {
    CHECK(quote_for_nushell("a b") == "r#'a b'#");
    CHECK(quote_for_nushell("x'#y") == "r##'x'#y'##");
    CHECK(quote_for_nushell("x'##y'#") == "r###'x'##y'#'###");
    CHECK(quote_for_nushell("$\"(ls)\"") == "r#'$\"(ls)\"'#");
    // nushell's lexer ends r#'#1'# early: any run of # counts, quoted or not.
    CHECK(quote_for_nushell("#1 env") == "r##'#1 env'##");
    CHECK(quote_for_nushell("a ### b") == "r####'a ### b'####");
    CHECK_THROWS_AS(quote_for_nushell("\xff"), Error);
    CHECK_THROWS_AS(quote_for_nushell(with_nul), Error);
}

TEST_CASE("PowerShell quoting is ASCII only and doubles single quotes") {
    CHECK(quote_for_powershell("") == "''");
    CHECK(quote_for_powershell("it's $x `y") == "'it''s $x `y'");
    CHECK(quote_for_powershell("a\xc3\xa9") == "('a' + [char]::ConvertFromUtf32(0x00E9))");
    // U+2019, a quote to PowerShell, never appears as itself.
    CHECK(quote_for_powershell("\xe2\x80\x99; x") == "([char]::ConvertFromUtf32(0x2019) + '; x')");
    CHECK(quote_for_powershell("\xf0\x9f\x90\x8d") == "([char]::ConvertFromUtf32(0x1F40D))");
    CHECK_THROWS_AS(quote_for_powershell("\xff"), Error);
    CHECK_THROWS_AS(quote_for_powershell(with_nul), Error);
}

TEST_CASE("cmd quoting doubles % and escapes ! and ^ only for delayed expansion") {
    CHECK(quote_for_cmd("V", "C:\\a b&c|d", CmdExpansion::Immediate) == "\"V=C:\\a b&c|d\"");
    CHECK(quote_for_cmd("V", "100%x%", CmdExpansion::Immediate) == "\"V=100%%x%%\"");
    CHECK(quote_for_cmd("V", "a!b^c", CmdExpansion::Immediate) == "\"V=a!b^c\"");
    CHECK(quote_for_cmd("V", "a!b^c", CmdExpansion::Delayed) == "\"V=a^!b^^c\"");
    CHECK(quote_for_cmd("V", "a^c", CmdExpansion::Delayed) == "\"V=a^c\"");
    CHECK_THROWS_AS(quote_for_cmd("V", "a\"b", CmdExpansion::Immediate), Error);
    CHECK_THROWS_AS(quote_for_cmd("V", with_newline, CmdExpansion::Immediate), Error);
    CHECK_THROWS_AS(quote_for_cmd("V", with_nul, CmdExpansion::Immediate), Error);
}

TEST_CASE("Python quoting is ASCII only and keeps undecodable bytes as surrogates") {
    CHECK(quote_for_python("it's \\") == "'it\\'s \\\\'");
    CHECK(quote_for_python(with_newline) == "'a\\x0Ab'");
    CHECK(quote_for_python("\xc3\xa9\xf0\x9f\x90\x8d") == "'\\xE9\\U0001F40D'");
    CHECK(quote_for_python("a\xff") == "'a\\udcFF'");
    CHECK_THROWS_AS(quote_for_python(with_nul), Error);
}

TEST_CASE("a refused value's error names the shell and shows the value") {
    try {
        quote_for_csh(with_newline);
        FAIL("no error");
    } catch (const Error& error) {
        const std::string message = error.what();
        CHECK(message.find("csh") != std::string::npos);
        CHECK(message.find("'a\\x0ab'") != std::string::npos);
    }
}

TEST_CASE("placeholders are filled as is and unknown ones are refused") {
    CHECK(fill_placeholders("t", "x={{A}} y={{B}}", {{"A", "'1'"}, {"B", "{{A}}"}}) ==
          "x='1' y={{A}}");
    CHECK_THROWS_AS(fill_placeholders("t", "{{C}}", {{"A", "1"}}), Error);
    CHECK_THROWS_AS(fill_placeholders("t", "{{A", {{"A", "1"}}), Error);
}

TEST_CASE("line endings become CRLF or LF on every line") {
    CHECK(with_line_endings("a\nb\r\nc\n", LineEndings::CrLf) == "a\r\nb\r\nc\r\n");
    CHECK(with_line_endings("a\r\nb\n", LineEndings::Lf) == "a\nb\n");
}

TEST_CASE("the POSIX layout has every shell's script in bin/, mode 0644, LF only") {
    const auto entries = render_activation_scripts(posix_values("/srv/my env", "my env"));
    for (const char* name : {"activate", "activate.fish", "activate.csh", "activate.nu",
                             "activate.xsh", "Activate.ps1", "activate_this.py"}) {
        const ActivationScript& entry = entry_named(entries, std::string("bin/") + name);
        CHECK(entry.mode == 0644);
        CHECK(entry.contents.find('\r') == std::string::npos);
        CHECK(entry.contents.find("{{") == std::string::npos);
    }
    CHECK(entries.size() == 7);
}

TEST_CASE("the Windows layout has .bat files and Activate.ps1 with CRLF on every line") {
    const auto entries = render_activation_scripts(windows_values("C:\\envs\\my env", "my"));
    for (const char* name : {"activate.bat", "deactivate.bat"}) {
        const std::string& text = entry_named(entries, std::string("Scripts/") + name).contents;
        REQUIRE(!text.empty());
        for (std::size_t at = text.find('\n'); at != std::string::npos;
             at = text.find('\n', at + 1)) {
            CHECK((at > 0 && text[at - 1] == '\r'));
        }
    }
    const std::string& bat = entry_named(entries, "Scripts/activate.bat").contents;
    CHECK(bat.find("set \"VIRTUAL_ENV=C:\\envs\\my env\"") != std::string::npos);
    // As CPython's venv writes them on Windows: Activate.ps1 CRLF, activate LF.
    const std::string& ps1 = entry_named(entries, "Scripts/Activate.ps1").contents;
    REQUIRE(!ps1.empty());
    for (std::size_t at = ps1.find('\n'); at != std::string::npos; at = ps1.find('\n', at + 1)) {
        CHECK((at > 0 && ps1[at - 1] == '\r'));
    }
    CHECK(entry_named(entries, "Scripts/activate").contents.find('\r') == std::string::npos);
}

TEST_CASE("hostile values appear only in their quoted form in each script") {
    const auto entries = render_activation_scripts(posix_values("/tmp/" + hostile, hostile));
    const std::string& sh = entry_named(entries, "bin/activate").contents;
    CHECK(sh.find("VIRTUAL_ENV=" + quote_for_posix_sh("/tmp/" + hostile)) != std::string::npos);
    const std::string& fish = entry_named(entries, "bin/activate.fish").contents;
    CHECK(fish.find("set -gx VIRTUAL_ENV " + quote_for_fish("/tmp/" + hostile)) !=
          std::string::npos);
    const std::string& csh = entry_named(entries, "bin/activate.csh").contents;
    CHECK(csh.find("setenv VIRTUAL_ENV " + quote_for_csh("/tmp/" + hostile)) != std::string::npos);
    // The raw text (with its unescaped ! and ') never appears in the csh script.
    CHECK(csh.find(hostile) == std::string::npos);
    const std::string& ps1 = entry_named(entries, "bin/Activate.ps1").contents;
    CHECK(ps1.find(hostile) == std::string::npos);
    CHECK(ps1.find("$VenvDir = " + quote_for_powershell("/tmp/" + hostile)) != std::string::npos);
}

TEST_CASE("hostile values in a Windows venv are quoted for cmd") {
    const auto entries =
        render_activation_scripts(windows_values("C:\\a%PATH%!x!^&|", "p %OS% $G !y!"));
    const std::string& bat = entry_named(entries, "Scripts/activate.bat").contents;
    CHECK(bat.find("set \"VIRTUAL_ENV=C:\\a%%PATH%%!x!^&|\"") != std::string::npos);
    CHECK(bat.find("set \"VIRTUAL_ENV=C:\\a%%PATH%%^!x^!^^&|\"") != std::string::npos);
    CHECK(bat.find("set \"_VIRTUAL_ENV_PROMPT_PREFIX=(p %%OS%% $$G !y!) \"") != std::string::npos);
}

TEST_CASE("values no shell can hold are refused when rendering") {
    CHECK_THROWS_AS(render_activation_scripts(posix_values("/tmp/x", with_newline)), Error);
    CHECK_THROWS_AS(render_activation_scripts(posix_values("/tmp/" + with_nul, "p")), Error);
    CHECK_THROWS_AS(render_activation_scripts(windows_values("C:\\x", "a\"b")), Error);
}
