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

# A listing larger than stdout's buffer, written after its reader has gone.
{
    sleep 0.3
    "$CPPVENV" completion bash 2>listing.err
    echo $? >listing.status
} | true
check_equal "a listing whose reader has gone exits 141" 141 "$(cat listing.status)"
check_equal "and says nothing on stderr" "" "$(cat listing.err)"

# SIGPIPE is handled, never ignored, so exec gives children the default back.
# SigIgn is a mask of ignored signals; SIGPIPE (13) is its 0x1000 bit.
ignored=$("$CPPVENV" run piped -- sh -c 'sed -n "s/^SigIgn:[[:space:]]*//p" /proc/self/status')
check "a program started by cppvenv run does not ignore SIGPIPE (SigIgn $ignored)" \
    test $((0x$ignored & 0x1000)) -eq 0
finish
