#!/usr/bin/env bash
# Errors name the venv path the user gave, never a hidden staging folder: a
# create in a folder this user cannot write to. Runs cppvenv as `nobody`;
# skipped when that is not possible (not root, no setpriv).
. "$(dirname "$0")/lib.sh"
require_interpreter /usr/bin/python3
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null ||
    ! setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
    skip_suite "cannot run as nobody (needs root and setpriv)"
fi
chmod 755 "$WORK"
cd "$WORK" || exit 1
# The build folder may be one nobody cannot enter (/root/project on a fresh
# machine): run a copy of the binary from the work folder.
cp "$CPPVENV" "$WORK/cppvenv" && chmod 755 "$WORK/cppvenv"
CPPVENV=$WORK/cppvenv
mkdir -p ro2 nobody-cache
chown nobody nobody-cache
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env XDG_CACHE_HOME="$WORK/nobody-cache" "$@"; }
run_as_nobody() { ERR=$(as_nobody "$CPPVENV" "$@" 2>&1 >/dev/null); STATUS=$?; }

run_as_nobody create --without-pip -p "$python" ro2/.venv
check_equal "an unwritable parent fails with exit 1" 1 "$STATUS"
check_equal "the error names the venv and its folder" "cppvenv: error: cannot create ro2/.venv: folder ro2 is not writable (Permission denied)" "$ERR"
check "the error never names a staging folder" test -z "$(printf '%s' "$ERR" | grep cppvenv-staging)"
run_as_nobody create --without-pip -p "$python" "$WORK/ro2/env"
check_equal "an absolute path is named as given" "cppvenv: error: cannot create $WORK/ro2/env: folder $WORK/ro2 is not writable (Permission denied)" "$ERR"
check_equal "nothing was left in the folder" "" "$(ls -A ro2)"
finish
