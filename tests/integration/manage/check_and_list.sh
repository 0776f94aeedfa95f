#!/usr/bin/env bash
# `cppvenv check` and `cppvenv list` on healthy and broken venvs, made by
# cppvenv and by `python -m venv`: one line per problem, with a fix that works.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
version=$("$python" -c 'import platform; print(platform.python_version())')
minor=${version%.*}
cd "$WORK" || exit 1

make_pair() { # make_pair SUFFIX: ours-SUFFIX and ref-SUFFIX
    "$CPPVENV" create --without-pip -p "$python" "ours-$1"
    "$python" -m venv --without-pip "ref-$1"
}
set_cfg() { # set_cfg ENV KEY VALUE
    sed -i "s|^$2 = .*|$2 = $3|" "$1/pyvenv.cfg"
}
# Runs check; $STATUS is its exit code, $OUT its stdout.
run_check() {
    OUT=$("$CPPVENV" check "$@" 2>&1)
    STATUS=$?
}

make_pair ok
run_check ours-ok ref-ok
check_equal "healthy venvs: exit 0" 0 "$STATUS"
check_equal "healthy venvs: one ok line each" "ours-ok: ok
ref-ok: ok" "$OUT"
check_equal "-q: nothing printed for healthy venvs" "" "$("$CPPVENV" -q check ours-ok)"

# Colour only on a terminal, never under NO_COLOR (TERM set: a runner may say dumb).
if ! command -v script >/dev/null; then
    echo "SKIPPED CHECK: colour on a terminal: no script(1)"
else
    tty_out=$(env -u NO_COLOR -u FORCE_COLOR -u CLICOLOR_FORCE TERM=xterm script -qec "'$CPPVENV' check ours-ok" /dev/null)
    check "on a terminal, ok is coloured" grep -q $'\e\\[' <<<"$tty_out"
    tty_out=$(NO_COLOR=1 script -qec "'$CPPVENV' check ours-ok" /dev/null)
    check "NO_COLOR: no escape codes" test "$(printf '%s' "$tty_out" | grep -c $'\e')" = 0
fi
check "not a terminal: no escape codes" test "$("$CPPVENV" check ours-ok | grep -c $'\e')" = 0

"$CPPVENV" check --json ours-ok ref-ok plain-missing >check.json
check_equal "check --json: exit 1 when one venv is unhealthy" 1 "$?"
check_equal "check --json: path, healthy, problems per venv, in order" \
    "$WORK/ours-ok True 0|$WORK/ref-ok True 0|$WORK/plain-missing False 1|path,healthy,problems|problem,fix" \
    "$("$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("|".join("%s %s %d" % (v["path"], v["healthy"], len(v["problems"])) for v in d) + "|" + ",".join(d[0]) + "|" + ",".join(d[2]["problems"][0]))' check.json)"

# The base Python was upgraded in place (pyvenv.cfg names an older micro version).
make_pair upgraded
for env in ours-upgraded ref-upgraded; do
    set_cfg "$env" version "$minor.0"
    run_check --fast "$env"
    check_equal "$env: an old micro version is a problem" 1 "$STATUS"
    check_equal "$env: one line" 1 "$(printf '%s\n' "$OUT" | wc -l)"
    check "$env: the line says what differs" grep -q "pyvenv.cfg says Python $minor.0, but .* is now $version" <<<"$OUT"
    fix=$(sed -n 's/.*; fix: //p' <<<"$OUT")
    check "$env: the fix is create --upgrade" grep -q "^cppvenv create --upgrade -p .* $env\$" <<<"$fix"
    eval "\"\$CPPVENV\" ${fix#cppvenv }"
    run_check "$env"
    check_equal "$env: healthy after the fix" "0 $env: ok" "$STATUS $OUT"
done

# pyvenv.cfg names another minor version: recreate.
other_minor=${minor%%.*}.$((${minor#*.} - 1))
make_pair other-minor
set_cfg ours-other-minor version "$other_minor.7"
run_check --fast ours-other-minor
check_equal "another minor version ($other_minor) is a problem" 1 "$STATUS"
check "another minor version: the fix recreates with that version" grep -q "fix: recreate it: cppvenv create --clear -p $other_minor ours-other-minor" <<<"$OUT"

# The base interpreter is gone.
make_pair gone
for env in ours-gone ref-gone; do
    sed -i "s|^home = .*|home = $WORK/uninstalled/bin|; /^executable = /d" "$env/pyvenv.cfg"
    for link in "$env"/bin/python*; do
        ln -sfn "$WORK/uninstalled/bin/python$minor" "$link"
    done
    run_check --fast "$env"
    check_equal "$env: a missing base fails" 1 "$STATUS"
    check "$env: the base is named as gone" grep -q "the base interpreter $WORK/uninstalled/bin/python$minor is gone" <<<"$OUT"
    check "$env: the fix recreates with the same version" grep -q "fix: recreate it: cppvenv create --clear -p $minor $env" <<<"$OUT"
    check "$env: the broken links are listed" grep -q "bin/python is a broken link" <<<"$OUT"
done

# The venv was moved: scripts' shebangs name the old place.
make_pair moved
for env in ours-moved ref-moved; do
    printf '#!%s/bin/python\nprint(1)\n' "$WORK/$env" >"$env/bin/tool"
    chmod +x "$env/bin/tool"
    mv "$env" "$env-new"
    run_check --fast "$env-new"
    check "$env: a moved venv is reported" grep -q "bin/tool starts $WORK/$env/bin/python, which does not exist: the venv was moved" <<<"$OUT"
    mv "$env-new" "$env"
    run_check "$env"
    check_equal "$env: healthy once moved back" 0 "$STATUS"
done

# The venv's python does not start: only the full check notices.
make_pair no-start
for env in ours-no-start ref-no-start; do
    echo 'import os; os._exit(3)' >"$env/lib/python$minor/site-packages/zz-exit.pth"
    run_check --fast "$env"
    check_equal "$env: --fast does not start python" 0 "$STATUS"
    run_check "$env"
    check_equal "$env: a python that does not start fails" 1 "$STATUS"
    check "$env: ...and says so" grep -q "bin/python does not start" <<<"$OUT"
done

# PyPy's venv has no `executable` key and /usr/bin/python3 is another Python:
# the base is where bin/python leads.
if [ -x /usr/bin/pypy3 ] && /usr/bin/pypy3 -m venv --without-pip pypy-ref 2>/dev/null; then
    run_check pypy-ref
    check_equal "a PyPy venv by pypy3 -m venv is healthy" "0 pypy-ref: ok" "$STATUS $OUT"
    check "info names PyPy's base interpreter" sh -c "'$CPPVENV' info pypy-ref | grep -q '^Base interpreter  *$(readlink -f /usr/bin/pypy3)\$\|^Base interpreter  */usr/bin/pypy3\$'"
else
    echo "SKIPPED CHECK: a PyPy venv: no pypy3 with its venv module"
fi

mkdir plain
run_check plain
check "a folder without pyvenv.cfg" grep -q "plain: problem: plain is not a virtual environment.*; fix: create one: cppvenv create plain" <<<"$OUT"
check_fails "check without ENV_DIR is a usage error" 2 "cppvenv check needs ENV_DIR" check

# list: finds venvs to a depth, never inside venvs; shows version and health.
mkdir -p tree/proj/deep/er/still tree/node_modules
cd tree || exit 1
"$CPPVENV" create --without-pip -p "$python" proj/.venv
"$python" -m venv --without-pip "proj/ref env"
mkdir -p proj/.venv/inner && touch proj/.venv/inner/pyvenv.cfg
"$CPPVENV" create --without-pip -p "$python" proj/deep/er/still/far
"$CPPVENV" create --without-pip -p "$python" node_modules/hidden
"$CPPVENV" create --without-pip -p "$python" broken
set_cfg broken version "$minor.0"
out=$("$CPPVENV" list)
check_equal "list: default depth 3, sorted, inner venvs and node_modules skipped" \
    "broken proj/.venv proj/ref env" "$(cut -c1-13 <<<"$out" | sed 's/ *$//' | tr '\n' ' ' | sed 's/ $//')"
check "list: version column" grep -q "^proj/\.venv  *$version  *ok\$" <<<"$out"
check "list: a broken venv says why" grep -q "^broken  *$minor.0  *broken: pyvenv.cfg says Python $minor.0" <<<"$out"
check_equal "list --depth 5 finds the deep one" 4 "$("$CPPVENV" list --depth 5 | wc -l)"
cd "$WORK" || exit 1
"$CPPVENV" list --json tree >list.json
check_equal "list --json: paths, versions, health" \
    "$WORK/tree/broken $minor.0 False 1|$WORK/tree/proj/.venv $version True 0|$WORK/tree/proj/ref env $version True 0" \
    "$("$python" -c 'import json,sys; print("|".join("%s %s %s %d" % (v["path"], v["version"], v["healthy"], len(v["problems"])) for v in json.load(open(sys.argv[1]))))' list.json)"
check_equal "list --json: the documented keys, in order" "path,version,healthy,problems" \
    "$("$python" -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))[0]))' list.json)"
check_equal "list shows paths as given" "tree/broken" "$("$CPPVENV" list tree | head -1 | cut -d' ' -f1)"
check_equal "list: a folder without venvs prints nothing" "" "$("$CPPVENV" list plain)"
check_fails "list on a missing folder" 1 "cannot list venvs in missing: no such folder" list missing
check_fails "list --depth must be a number" 2 "depth" list --depth lots
finish
