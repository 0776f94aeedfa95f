#!/usr/bin/env bash
# SIGINT, SIGTERM and SIGHUP at random moments of a create (pip included): the
# staging folder is gone at once (no next run needed), the exit status is 128 +
# the signal (or 0 when the create had finished), and every ENV_DIR is whole or
# absent. A file written into an empty target while pip is seeded survives.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK" || exit 1
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CONFIG_FILE=/dev/null
set -m # background jobs in their own process group, SIGINT not ignored

"$CPPVENV" create -p "$python" reference
describe_tree reference | grep -v '^\./pyvenv.cfg' >reference.tree
whole_or_absent() { # whole_or_absent DIR
    [ ! -e "$1" ] && return 0
    [ -f "$1/pyvenv.cfg" ] || return 1
    cmp -s reference.tree <(describe_tree "$1" | grep -v '^\./pyvenv.cfg') || return 1
    "$1/bin/python" -m pip --version >/dev/null
}

signals=(INT TERM HUP)
codes=(130 143 129)
broken=0 interrupted=0
for round in $(seq 1 24); do
    which=$((round % 3))
    mkdir -p k
    "$CPPVENV" create -p "$python" k/env1 k/env2 k/env3 2>"k.err" &
    pid=$!
    # Odd rounds in the first 90 ms (a create with pip may take 40), even
    # rounds up to 0.39 s (as long as one takes on a loaded machine).
    if [ $((round % 2)) = 1 ]; then sleep "0.0$((RANDOM % 10))"; else sleep "0.$((RANDOM % 4))$((RANDOM % 10))"; fi
    kill "-${signals[$which]}" "$pid" 2>/dev/null
    wait "$pid"
    status=$?
    [ "$status" = 0 ] || interrupted=$((interrupted + 1))
    check "round $round: SIG${signals[$which]} exits ${codes[$which]} or 0 (got $status: $(cat k.err))" \
        test "$status" = "${codes[$which]}" -o "$status" = 0
    check_equal "round $round: no staging folder outlives SIG${signals[$which]}" "" "$(ls -A k | grep cppvenv-staging)"
    for env in k/env1 k/env2 k/env3; do
        whole_or_absent "$env" || { broken=$((broken + 1)) && echo "round $round: $env is neither whole nor absent"; }
    done
    rm -rf k
done
check_equal "every ENV_DIR is whole or absent after a signal" 0 "$broken"
check "some rounds were interrupted (not all finished first)" test "$interrupted" -gt 0

# One interrupt for certain: a create whose facts are cached is fast, so signal
# a create of many venvs; the interrupted one names the signal once.
"$CPPVENV" create --without-pip -p "$python" $(seq -f 'many/env%g' 1 60) 2>many.err &
pid=$!
while kill -0 "$pid" 2>/dev/null && [ ! -e many/env1/pyvenv.cfg ]; do :; done
kill -INT "$pid"
wait "$pid"
status=$?
if [ "$status" != 0 ]; then
    check_equal "SIGINT: exit 130" 130 "$status"
    check "SIGINT: one error line naming the signal" grep -q '^cppvenv: error: interrupted by SIGINT' many.err
    check_equal "SIGINT: nothing hidden is left" "" "$(ls -A many | grep cppvenv-)"
fi

# A signal while the interpreter is inspected (an empty facts cache: Python is
# run) or between two venvs met the default action: the process ended with no
# message. Each round signals once the create is under way (before, a signal
# meets the default action, as for any program that has not yet started its
# work): when the inspecting Python runs, then when the first venv is whole.
children_of() { cat /proc/"$1"/task/*/children 2>/dev/null; }
# A wrapper is inspected on every create (never cached) and takes 0.5 s, so the
# signal surely arrives while it runs, however slow the machine.
printf '#!/bin/sh\nsleep 0.5\nexec "%s" "$@"\n' "$python" >slow-python
chmod +x slow-python
unexplained=0 early=0
for round in $(seq 1 6); do
    rm -rf early
    "$CPPVENV" create --without-pip -p "$WORK/slow-python" early/a early/b 2>early.err &
    pid=$!
    while kill -0 "$pid" 2>/dev/null && [ -z "$(children_of "$pid")" ]; do :; done
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
    status=$?
    check "round $round: SIGINT while inspecting ends the create with 130 (got $status: $(cat early.err))" \
        test "$status" = 130
    [ "$status" = 130 ] && ! grep -q '^cppvenv: error: interrupted by SIGINT' early.err &&
        unexplained=$((unexplained + 1))
    check_equal "round $round: nothing was made" "" "$(ls -A early 2>/dev/null)"
done
between=$(seq -f 'early/env%g' 1 60)
for round in $(seq 1 6); do
    rm -rf early
    "$CPPVENV" create --without-pip -p "$python" $between 2>early.err &
    pid=$!
    while kill -0 "$pid" 2>/dev/null && [ ! -e early/env1/pyvenv.cfg ]; do :; done
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
    status=$?
    check "round $round: SIGINT between venvs exits 130 or 0 (got $status: $(cat early.err))" \
        test "$status" = 130 -o "$status" = 0
    if [ "$status" = 130 ]; then
        early=$((early + 1))
        grep -q '^cppvenv: error: interrupted by SIGINT' early.err || unexplained=$((unexplained + 1))
    fi
done
check_equal "a SIGINT early in a create (inspecting, or between venvs) is said, every time" \
    0 "$unexplained"
check "some creates were interrupted between venvs ($early of 6)" test "$early" -gt 0

# A signal ignored when cppvenv began stays ignored: nohup's SIGHUP, and the
# SIGINT a shell without job control ignores for its background commands (so
# that Ctrl-C stops only the foreground one). Before, either cut a create short.
rm -rf ignoring
(
    trap '' HUP INT
    exec "$CPPVENV" create -p "$python" ignoring 2>ignoring.err
) &
pid=$!
binary=$(readlink -f "$CPPVENV")
while kill -0 "$pid" 2>/dev/null && [ "$(readlink /proc/"$pid"/exe)" != "$binary" ]; do :; done
sent=0
while kill -HUP "$pid" 2>/dev/null && kill -INT "$pid" 2>/dev/null; do
    sent=$((sent + 1))
    sleep 0.002
done
wait "$pid"
status=$?
check_equal "SIGHUP and SIGINT ignored from the start: the create finished ($(cat ignoring.err))" \
    0 "$status"
check "... though signalled ($sent times)" test "$sent" -gt 0
check "... and the venv is whole" whole_or_absent ignoring
check "... and there" test -f ignoring/pyvenv.cfg

# The programs `cppvenv run` and `cppvenv shell` start get SIGHUP and SIGINT as
# cppvenv found them: ignored stays ignored (SigIgn's 0x3 bits), the default
# stays the default (`shell` ignores SIGINT itself while it waits).
probe='sed -n "s/^SigIgn:[[:space:]]*//p" /proc/self/status'
"$CPPVENV" create --without-pip -p "$python" for-children
for how in run shell; do
    if [ "$how" = run ]; then
        ignored=$( (trap '' HUP INT; exec "$CPPVENV" run for-children -- sh -c "$probe") )
        default=$("$CPPVENV" run for-children -- sh -c "$probe")
    else
        ignored=$( (trap '' HUP INT; exec env SHELL=/bin/sh "$CPPVENV" shell for-children <<<"$probe") )
        default=$(SHELL=/bin/sh "$CPPVENV" shell for-children <<<"$probe")
    fi
    check "cppvenv $how: SIGHUP and SIGINT ignored before stay ignored for its program (SigIgn ${ignored:-unread})" \
        test -n "$ignored" -a $((0x${ignored:-0} & 0x3)) -eq 3
    if [ $((0x$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status) & 0x3)) -eq 0 ]; then
        check "cppvenv $how: its program has the default actions otherwise (SigIgn ${default:-unread})" \
            test -n "$default" -a $((0x${default:-0} & 0x3)) -eq 0
    fi
done

# Someone writes into an empty target folder while pip is seeded: it stays.
for round in 1 2 3; do
    mkdir "shared$round"
    "$CPPVENV" create -p "$python" "shared$round" &
    pid=$!
    written=0
    while kill -0 "$pid" 2>/dev/null; do
        [ -e "shared$round/bin" ] || continue # once the create has begun writing
        written=$((written + 1))
        echo "$written" >"shared$round/note-$written.txt"
        sleep 0.005
    done
    wait "$pid"
    check_equal "round $round: the create succeeded" 0 "$?"
    check_equal "round $round: every file written meanwhile survives" "$written" "$(ls "shared$round" | grep -c '^note-')"
    check "round $round: the venv works" "shared$round/bin/python" -m pip --version
done
finish
