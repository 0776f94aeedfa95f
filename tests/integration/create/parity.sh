#!/usr/bin/env bash
# cppvenv create --without-pip against the same interpreter's own
# `python -m venv --without-pip`: same tree, same pyvenv.cfg, same view from inside.
# Usage: parity.sh INTERPRETER-GLOB
. "$(dirname "$0")/lib.sh"
require_interpreter "$1"

# Entries only cppvenv writes: its cache tag, the activation scripts CPython
# lacks (Activate.ps1 before 3.8), and .gitignore, which CPython writes from 3.13 on.
ours_only='^\./(CACHEDIR\.TAG|\.gitignore|bin/activate\.nu|bin/activate\.xsh|bin/activate_this\.py) '
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 8))'; then
    ours_only='^\./(CACHEDIR\.TAG|\.gitignore|bin/activate\.nu|bin/activate\.xsh|bin/activate_this\.py|bin/Activate\.ps1) '
fi

reference() { # reference NAME VENV-ARGS...
    local name=$1
    shift
    if ! "$python" -m venv --without-pip "$@" "$WORK/theirs/$name" >"$WORK/venv.log" 2>&1; then
        echo "python -m venv failed for $python:"
        cat "$WORK/venv.log"
        exit 1
    fi
}

inside_view() { # inside_view VENV: sys.prefix, base_prefix and sys.path, with the venv as ENV
    env -i PATH=/usr/bin:/bin "$1/bin/python" -c '
import sys
print("prefix", sys.prefix)
print("base_prefix", sys.base_prefix)
for entry in sys.path:
    print("path", entry)' | sed "s|$1|ENV|g"
}

compare_venvs() { # compare_venvs LABEL OURS THEIRS
    local label=$1 ours=$2 theirs=$3
    describe_tree "$theirs" | sed "s|$theirs|ENV|g" | grep -v -E '^\./\.gitignore ' >"$WORK/theirs.tree"
    describe_tree "$ours" | sed "s|$ours|ENV|g" | grep -v -E "$ours_only" >"$WORK/ours.tree"
    check "$label: same tree as python -m venv ($(diff "$WORK/theirs.tree" "$WORK/ours.tree" | tr '\n' ' '))" \
        cmp -s "$WORK/theirs.tree" "$WORK/ours.tree"

    local key
    while IFS= read -r key; do
        [ "$key" = command ] && continue
        check_equal "$label: pyvenv.cfg $key" "$(cfg_value "$theirs/pyvenv.cfg" "$key" | sed "s|$theirs|ENV|g")" \
            "$(cfg_value "$ours/pyvenv.cfg" "$key" | sed "s|$ours|ENV|g")"
    done < <(sed -n 's/ = .*//p' "$theirs/pyvenv.cfg")
    check "$label: pyvenv.cfg names cppvenv" grep -q '^cppvenv = ' "$ours/pyvenv.cfg"
    check "$label: pyvenv.cfg has an absolute executable" grep -q '^executable = /' "$ours/pyvenv.cfg"
    check_equal "$label: sys.prefix, base_prefix and sys.path" "$(inside_view "$theirs")" "$(inside_view "$ours")"
}

mkdir -p "$WORK/ours" "$WORK/theirs"
reference env
"$CPPVENV" create --without-pip -p "$python" "$WORK/ours/env"
check "a default create writes pyvenv.cfg" test -f "$WORK/ours/env/pyvenv.cfg"
compare_venvs "default" "$WORK/ours/env" "$WORK/theirs/env"
check_equal "sys.prefix is the venv" "$WORK/ours/env" \
    "$("$WORK/ours/env/bin/python" -c 'import sys; print(sys.prefix)')"
check "the venv's site-packages is on sys.path" \
    "$WORK/ours/env/bin/python" -c 'import sys, sysconfig; p = sysconfig.get_paths()["purelib"]; assert p.startswith(sys.prefix) and p in sys.path, p'
check "the base site-packages is not on sys.path" \
    "$WORK/ours/env/bin/python" -c 'import sys; assert not [p for p in sys.path if p.startswith(sys.base_prefix) and p.endswith(("site-packages", "dist-packages"))], sys.path'

reference system --system-site-packages
"$CPPVENV" create --without-pip --system-site-packages -p "$python" "$WORK/ours/system"
compare_venvs "--system-site-packages" "$WORK/ours/system" "$WORK/theirs/system"
check "--system-site-packages puts the base site-packages on sys.path" \
    "$WORK/ours/system/bin/python" -c 'import sys; assert [p for p in sys.path if p.startswith(sys.base_prefix) and p.endswith(("site-packages", "dist-packages"))], sys.path'

"$CPPVENV" create --without-pip --copies -p "$python" "$WORK/ours/copies"
check "--copies makes bin/python a regular file" test ! -L "$WORK/ours/copies/bin/python" -a -f "$WORK/ours/copies/bin/python"
check_equal "--copies venv runs with sys.prefix = the venv" "$WORK/ours/copies" \
    "$("$WORK/ours/copies/bin/python" -c 'import sys; print(sys.prefix)')"

"$CPPVENV" create --without-pip --prompt 'My prompt' -p "$python" "$WORK/ours/prompted"
check_equal "--prompt is written in CPython's quoted form" "'My prompt'" \
    "$(cfg_value "$WORK/ours/prompted/pyvenv.cfg" prompt)"
finish
