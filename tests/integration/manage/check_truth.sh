#!/usr/bin/env bash
# `check` tells the truth: a copied venv, a base interpreter gone from a venv
# that never moved (each fix once), an orphaned lib/pythonX.Y, an unfinished
# venv, a folder of the user's; and `remove -f` of a missing path.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
minor=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
cd "$WORK" || exit 1
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CONFIG_FILE=/dev/null
run_check() { OUT=$("$CPPVENV" check "$@" 2>&1); STATUS=$?; }

# cp -a orig copy: copy/bin/pip would install into orig.
"$CPPVENV" create -p "$python" orig
cp -a orig copy
run_check copy
check_equal "a copied venv fails the check" 1 "$STATUS"
check "...naming the original" grep -q "copy: problem: this venv is a copy of $WORK/orig: bin/pip.* start the python of $WORK/orig, and bin/activate activates $WORK/orig, so pip installs into $WORK/orig" <<<"$OUT"
check "...with the fix" grep -q "fix: make the copy its own (its launchers, activation scripts and pyvenv.cfg rewritten): cppvenv move copy copy" <<<"$OUT"
run_check orig
check_equal "the original is healthy" "0 orig: ok" "$STATUS $OUT"
"$CPPVENV" move copy copy
run_check copy
check_equal "the fix works" "0 copy: ok" "$STATUS $OUT"

# The base interpreter is gone; the venv sits where it was made.
"$CPPVENV" create -p "$python" gone
sed -i "s|^home = .*|home = $WORK/uninstalled/bin|; /^executable = /d" gone/pyvenv.cfg
for link in gone/bin/python*; do ln -sfn "$WORK/uninstalled/bin/python$minor" "$link"; done
run_check --fast gone
check "a gone base is reported" grep -q "the base interpreter $WORK/uninstalled/bin/python$minor is gone" <<<"$OUT"
check "...and not as a moved venv" test -z "$(grep 'moved or renamed' <<<"$OUT")"
check_equal "...one line, one fix" 1 "$(grep -c 'fix:' <<<"$OUT")"

# Packages of another minor version that this venv never loads.
"$CPPVENV" create --without-pip -p "$python" orphan
other="3.$(( ${minor#3.} - 1 ))"
mkdir -p "orphan/lib/python$other/site-packages/requests"
run_check --fast orphan
check_equal "an orphaned lib/python$other fails the check" 1 "$STATUS"
check "...and is named" grep -q "lib/python$other holds packages for Python $other, which this venv (Python $minor) never loads" <<<"$OUT"

# A create killed before pyvenv.cfg: unfinished, and the fix finishes it.
mkdir unfinished && "$CPPVENV" create --without-pip -p "$python" unfinished && rm unfinished/pyvenv.cfg
run_check unfinished
check "an unfinished venv is recognised" grep -q "unfinished: problem: unfinished is an unfinished venv.*fix: finish it: cppvenv create unfinished" <<<"$OUT"

# A folder of the user's: no fix that create would then refuse.
mkdir proj && echo data >proj/notes.txt
run_check proj
check_equal "a non-venv folder fails the check" 1 "$STATUS"
check "...without suggesting a create that is refused" test -z "$(grep 'cppvenv create proj' <<<"$OUT")"
check "...suggesting one that works" grep -q "cppvenv create --allow-existing proj" <<<"$OUT"

# remove -f of a missing path (make clean, twice).
check "remove -f of a missing path exits 0" "$CPPVENV" remove -f missing
check_equal "...quietly" "" "$("$CPPVENV" remove --force missing 2>&1)"
check_fails "remove of a missing path without -f still fails" 1 "no such file" remove missing
check_fails "remove -f still refuses a folder that is not a venv" 1 "not a virtual environment" remove -f proj

# remove of a venv that shares its folder with the user's files keeps them.
mkdir shared && echo data >shared/notes.txt
"$CPPVENV" create --without-pip --allow-existing -p "$python" shared
check "remove of a venv among other files succeeds" "$CPPVENV" remove shared
check "...keeping the user's file" test -f shared/notes.txt
check_equal "...and nothing of the venv" "notes.txt" "$(ls -A shared)"
finish
