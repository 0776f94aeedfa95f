# The sample project both build-script suites build: generate.py imports
# `greeting` (from a wheel made here, offline) and writes greeting.c; main.c
# prints the greeting. Sourced after tests/integration/create/lib.sh.

# The code block after `<!-- tested: NAME -->` in the README, so the README's
# examples are exactly what the tests run.
readme_example() { # readme_example NAME
    awk -v marker="<!-- tested: $1 -->" '
        $0 == marker { found = 1; next }
        found && /^```/ { if (inside) exit; inside = 1; next }
        inside { print }' "$CPPVENV_SOURCE_DIR/README.md"
}

# write_sample_project FOLDER BUILD_FILE: the sources, wheels greeting 1.0 and
# 2.0 in FOLDER/wheels, requirements.txt asking for 1.0.
write_sample_project() {
    local folder=$1 build_file=$2
    mkdir -p "$folder/wheels"
    readme_example "$build_file" >"$folder/$build_file"
    check "the README has the $build_file example" test -s "$folder/$build_file"
    cat >"$folder/generate.py" <<'PY'
import sys

import greeting

with open(sys.argv[1], "w") as out:
    out.write('const char *greeting(void) { return "%s"; }\n' % greeting.MESSAGE)
PY
    cat >"$folder/main.c" <<'C'
#include <stdio.h>
const char *greeting(void);
int main(void) {
    puts(greeting());
    return 0;
}
C
    echo "greeting==1.0" >"$folder/requirements.txt"
    local version
    for version in 1.0 2.0; do
        check "wheel greeting $version made offline" /usr/bin/python3 -I \
            "$CPPVENV_SOURCE_DIR/tests/integration/build_scripts/make_wheel.py" \
            "$folder/wheels" greeting "$version" "Hello from greeting $version"
    done
}
