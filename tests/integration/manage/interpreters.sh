#!/usr/bin/env bash
# info and check agree with every interpreter here, on venvs made by cppvenv and
# by that interpreter's own `-m venv`: version, implementation, base, health.
. "$(dirname "$0")/../create/lib.sh"
cd "$WORK" || exit 1
tested=0
candidates=()
for minor in 7 8 9 10 11 12 13; do
    candidates+=("$HOME"/.pyenv/versions/3.$minor.*/bin/python3.$minor)
done
for python in "${candidates[@]}" /usr/bin/python3 /usr/bin/python3.11-dbg /usr/bin/pypy3; do
    [ -x "$python" ] || continue
    note_interpreter "$python"
    label=$(echo "$python" | tr '/' '_')
    read -r implementation version < <("$python" -c 'import platform; print(platform.python_implementation().lower(), platform.python_version())')
    if ! "$python" -m venv --without-pip "ref$label" 2>/dev/null; then
        echo "SKIPPED CHECK: $python: no venv module, its reference venv skipped"
    else
        check "$python: its own -m venv's venv passes check" "$CPPVENV" -q check "ref$label"
    fi
    "$CPPVENV" create --without-pip -p "$python" "ours$label"
    check "$python: cppvenv's venv passes check" "$CPPVENV" -q check "ours$label"
    for env in "ref$label" "ours$label"; do
        [ -d "$env" ] || continue
        summary=$("$CPPVENV" info --json "$env" | "$python" -c 'import json,sys; d=json.load(sys.stdin); p=d["python"]; print(p["implementation"], p["version"], p["exists"])')
        check_equal "$env: implementation, version, base exists" "$implementation $version True" "$summary"
    done
    tested=$((tested + 1))
done
if [ "$tested" = 0 ]; then
    skip_suite "no interpreter found"
fi
echo "$tested interpreters"
finish
