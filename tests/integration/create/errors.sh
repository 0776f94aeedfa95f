#!/usr/bin/env bash
# Every bad input gets one clear error line, the right exit code, and leaves
# nothing behind.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK"

nothing_left() { # nothing_left NAME: no venv and no staging folder in $WORK
    check "nothing left behind for $1" test -z "$(find "$WORK" -maxdepth 3 -name "*$1*" -not -path "$WORK/cache/*")"
}

check_fails "-p /bin/true is refused: not a Python" 1 "not a usable Python interpreter" create -p /bin/true env1
nothing_left env1
printf 'just text\n' >text-file
check_fails "-p a text file is refused: not executable" 1 "not an executable file" create -p "$WORK/text-file" env2
chmod +x text-file
check_fails "-p an executable text file is refused, naming it" 1 "text-file" create -p "$WORK/text-file" env2
nothing_left env2
for old in "$HOME"/.pyenv/versions/2.7.*/bin/python2.7 "$HOME"/.pyenv/versions/3.6.*/bin/python3.6; do
    if [ -x "$old" ]; then
        check_fails "-p $old is refused: too old" 1 "needs Python 3.7 or newer" create -p "$old" env3
    else
        echo "SKIPPED CHECK: $old is not installed"
    fi
done
nothing_left env3
check_fails "an unknown command name lists where it looked" 1 "no interpreter named 'python9.99' found: looked on PATH" create -p python9.99 env4
check_fails "an unknown version lists where it looked" 1 "no Python 3.99 found: looked on PATH" create -p 3.99 env4
check_fails "-p a missing path is an error" 1 "no such file" create -p /nonexistent/python3 env4
check_fails "an absurdly large version is an unknown version" 1 "no Python 99999999999 found" create -p 99999999999 env4
nothing_left env4

touch a-file
check_fails "an ENV_DIR that is a file is refused" 1 "exists and is not a directory" create -p "$python" a-file
check_fails "an ENV_DIR with the PATH separator is refused" 1 "PATH separator" create -p "$python" "with:colon"
nothing_left with:colon
check_fails "a parent folder that cannot be made is an error" 1 "cannot create the parent folder" create -p "$python" a-file/sub/env5
check_fails "a prompt with a newline is refused" 1 "line break" create -p "$python" --prompt $'two\nlines' env6
check_fails "an ENV_DIR with a newline is refused" 1 "line break" create -p "$python" $'env6\nnext'
nothing_left env6

check_fails "an unknown option is a usage error" 2 "" create --no-such-option env7
check_fails "an empty ENV_DIR is a usage error" 2 "ENV_DIR must not be empty" create ""
check_fails "--clear with --upgrade is a usage error" 2 "cannot be used together" create --clear --upgrade env7
check_fails "--symlinks with --copies is a usage error" 2 "cannot be used together" create --symlinks --copies env7
check_fails "--upgrade-deps with --without-pip is a usage error" 2 "cannot be used together" create --upgrade-deps --without-pip env7
run_cppvenv --verbose
check_equal "no subcommand is a usage error" 2 "$STATUS"
check_equal "no subcommand: the error is the last line" "cppvenv: error: a command is required (try: cppvenv create .venv)" "$(printf '%s\n' "$ERR" | tail -n 1)"
nothing_left env7

out=$("$CPPVENV" create --dry-run --without-pip -p "$python" "$WORK/dry")
check "--dry-run prints the plan, pyvenv.cfg included" grep -q "pyvenv.cfg" <<<"$out"
check "--dry-run prints the interpreter link" grep -q "symlink .*bin/python3" <<<"$out"
nothing_left dry

# A read-only file system and a full one need mounts, which need root.
if mkdir -p ro full && mount -t tmpfs -o ro,size=1m tmpfs ro 2>/dev/null; then
    check_fails "a read-only parent folder is an error saying so" 1 "Read-only file system" create --without-pip -p "$python" ro/env8
    umount ro
    mount -t tmpfs -o size=24k tmpfs full
    head -c 16k /dev/zero >full/filler 2>/dev/null || true
    check_fails "a full disk is an error saying so" 1 "No space left on device" create --without-pip -p "$python" full/env9
    check_equal "a full disk leaves nothing behind" "filler" "$(ls -A full)"
    umount full
    # pip's files from a warm cache, copied on several threads where there are
    # cores, onto a disk that fills up half way: one thread's full disk stops
    # them all, said once.
    "$CPPVENV" create -p "$python" warm-cache >/dev/null
    mkdir -p half && mount -t tmpfs -o size=2m tmpfs half
    "$CPPVENV" create -p "$python" half/env10 2>half.err && status=0 || status=$?
    check_equal "a disk full half way through pip's files fails ($(head -1 half.err))" 1 "$status"
    check "the error is a file of pip's" grep -q "site-packages/.*No space left on device" half.err
    check_equal "and is said once" 1 "$(grep -c '^cppvenv: error: ' half.err)"
    check_equal "and nothing is left behind" "" "$(ls -A half)"
    umount half
else
    echo "SKIPPED CHECK: read-only and full file systems need permission to mount tmpfs"
fi

check_equal "--version prints the version" "cppvenv $(sed -n 's/^project(cppvenv VERSION \([0-9.]*\).*/\1/p' "$CPPVENV_SOURCE_DIR/CMakeLists.txt")" "$("$CPPVENV" --version)"
finish
