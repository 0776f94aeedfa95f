#include "catch_compat.hpp"
#include "util/output.hpp"

using namespace cppvenv;

TEST_CASE("colour: --color beats every variable; NO_COLOR beats FORCE_COLOR beats TERM=dumb",
          "[colour]") {
    const ColourEnvironment none;
    CHECK(decide_colour(ColourMode::Auto, none, true));
    CHECK_FALSE(decide_colour(ColourMode::Auto, none, false));
    ColourEnvironment no_color;
    no_color.no_color = "1";
    CHECK_FALSE(decide_colour(ColourMode::Auto, no_color, true));
    CHECK(decide_colour(ColourMode::Always, no_color, false));
    no_color.no_color = ""; // no-color.org: only a non-empty value counts
    CHECK(decide_colour(ColourMode::Auto, no_color, true));
    ColourEnvironment dumb;
    dumb.term = "dumb";
    CHECK_FALSE(decide_colour(ColourMode::Auto, dumb, true));
    dumb.force_color = "1";
    CHECK(decide_colour(ColourMode::Auto, dumb, false));
    dumb.no_color = "x";
    CHECK_FALSE(decide_colour(ColourMode::Auto, dumb, true));
    ColourEnvironment clicolor;
    clicolor.clicolor_force = "0";
    CHECK_FALSE(decide_colour(ColourMode::Auto, clicolor, false));
    clicolor.clicolor_force = "1";
    CHECK(decide_colour(ColourMode::Auto, clicolor, false));
    CHECK_FALSE(decide_colour(ColourMode::Never, clicolor, true));
}

TEST_CASE("colour: one 16-colour palette, every tone reset after its text", "[colour]") {
    CHECK(painted("error:", Tone::ErrorLabel) == "\x1b[1;31merror:\x1b[0m");
    CHECK(painted("warning:", Tone::WarningLabel) == "\x1b[1;33mwarning:\x1b[0m");
    CHECK(painted("ok", Tone::Good) == "\x1b[32mok\x1b[0m");
    CHECK(painted("x", Tone::Strong) == "\x1b[1mx\x1b[0m");
}
