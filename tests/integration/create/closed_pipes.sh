#!/usr/bin/env bash
# What reads cppvenv's messages may go away (`| head`) or never be there (a
# closed stderr): a create still finishes, whole; a listing ends quietly with
# the status a shell shows for a pipe's writer it ended (141); and the programs
# cppvenv starts get SIGPIPE's default action, not an ignored SIGPIPE.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK" || exit 1

# -v says a line before the interpreter is even inspected; head takes it and
# goes, and every later line meets a pipe without a reader (SIGPIPE killed the
# create there, before anything was made).
"$CPPVENV" -v create -p "$python" piped 2>&1 | head -1 >first-line
check_equal "-v create piped through head -1 exits 0" 0 "${PIPESTATUS[0]}"
check "and its first line was read" grep -q "^cppvenv: " first-line
check "and the venv is whole: its pip runs" piped/bin/python -m pip --version
check "and no staging folder is left" test -z "$(find . -maxdepth 1 -name '.piped.*')"

# stderr closed: fmt::print threw at the first -v line, and the create aborted.
"$CPPVENV" -v create -p "$python" --without-pip closed 2>&-
check_equal "-v create with stderr closed exits 0" 0 "$?"
check "and the venv is there" test -f closed/pyvenv.cfg

# A listing written after its reader has gone: the reader closes its end and
# says so before cppvenv starts. Larger than stdout's buffer (written as it
# goes), and smaller (written at exit, where glibc would drop the error).
listing_to_gone_reader() { # listing_to_gone_reader NAME COMMAND...: NAME.status, NAME.err
    local name=$1
    shift
    rm -f "$name.gone"
    {
        while [ ! -e "$name.gone" ]; do sleep 0.05; done
        "$@" 2>"$name.err"
        echo $? >"$name.status"
    } | {
        exec 0<&-
        touch "$name.gone"
    }
}
listing_to_gone_reader large "$CPPVENV" completion bash
check_equal "a listing larger than stdout's buffer, its reader gone, exits 141" 141 "$(cat large.status)"
check_equal "and says nothing on stderr" "" "$(cat large.err)"
listing_to_gone_reader small "$CPPVENV" list .
check_equal "a listing smaller than stdout's buffer, its reader gone, exits 141" 141 "$(cat small.status)"
check_equal "and says nothing on stderr" "" "$(cat small.err)"
if [ -w /dev/full ]; then
    "$CPPVENV" list --json . >/dev/full 2>full.err
    check_equal "a listing stdout cannot take (/dev/full) exits 1" 1 "$?"
    check "and says so" grep -q "cppvenv: error: cannot write to stdout" full.err
else
    echo "SKIPPED CHECK: no /dev/full to write to"
fi

# A standard stream closed when cppvenv starts is opened on /dev/null: the
# number is not given to a file cppvenv opens (where its messages would go),
# and the programs it starts get it as /dev/null too.
check_equal "stderr closed: a program cppvenv runs has it on /dev/null" /dev/null \
    "$("$CPPVENV" run piped -- sh -c 'readlink /proc/self/fd/2' 2>&-)"

# SIGPIPE is handled, never ignored, so exec gives children the default back.
# SigIgn is a mask of ignored signals; SIGPIPE (13) is its 0x1000 bit.
ignored=$("$CPPVENV" run piped -- sh -c 'sed -n "s/^SigIgn:[[:space:]]*//p" /proc/self/status')
check "a program started by cppvenv run does not ignore SIGPIPE (SigIgn ${ignored:-unread})" \
    test -n "$ignored" -a $((0x${ignored:-0} & 0x1000)) -eq 0
finish
