#!/usr/bin/env bash
# The hidden folders cppvenv makes beside a venv (.NAME.cppvenv-staging-PID-RANDOM,
# .NAME.cppvenv-removing-PID-RANDOM): only ones it can prove it made are ever
# swept, long venv names still fit in a file name, and what a SIGKILLed --clear
# left is swept by any later create in that folder.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK" || exit 1

# Folders that merely look like ours are the user's.
mkdir -p proj/.thesis.cppvenv-staging-notes proj/.env.cppvenv-staging-999999999-deadbeef/bin \
    proj/.env.cppvenv-staging-abc-deadbeef proj/.env.cppvenv-removing-999999999 \
    proj/.env.cppvenv-removing-notes
echo mine >proj/.thesis.cppvenv-staging-notes/chapter1.txt
"$CPPVENV" create --without-pip -p "$python" proj/env
for name in .thesis.cppvenv-staging-notes .env.cppvenv-staging-999999999-deadbeef \
    .env.cppvenv-staging-abc-deadbeef; do
    check "create keeps proj/$name (not made by cppvenv)" test -d "proj/$name"
done
"$CPPVENV" remove proj/env
for name in .env.cppvenv-removing-999999999 .env.cppvenv-removing-notes; do
    check "remove keeps proj/$name (not made by cppvenv)" test -d "proj/$name"
done
check "the user's file in a look-alike folder survives" test -f proj/.thesis.cppvenv-staging-notes/chapter1.txt

# A folder named after a process id that a live process now has: its marker
# says when its owner started, so a later process under that id (a container's
# or wine's small ids come back) is told from it, and the folder is swept; the
# folder of a live owner is kept.
sleep 300 &
live=$!
started=$(cut -d' ' -f22 "/proc/$live/stat")  # Linux: clock ticks from boot
text="made by cppvenv as a staging folder; deleted by the next cppvenv run once its process is gone"
mkdir -p "reuse/.env.cppvenv-staging-$live-0000000a/venv" "reuse/.env.cppvenv-staging-$live-0000000b/venv"
printf '%s\nprocess started: %s\n' "$text" "1$started" >"reuse/.env.cppvenv-staging-$live-0000000a/.cppvenv-aside"
printf '%s\nprocess started: %s\n' "$text" "$started" >"reuse/.env.cppvenv-staging-$live-0000000b/.cppvenv-aside"
"$CPPVENV" create --without-pip -p "$python" reuse/env
check_equal "create sweeps the folder of a process whose id a later process has, keeps a live owner's" \
    ".env.cppvenv-staging-$live-0000000b" "$(ls -A reuse | grep cppvenv-)"
kill "$live"
wait "$live" 2>/dev/null
"$CPPVENV" create --without-pip --clear -p "$python" reuse/env
check_equal "...and sweeps that one once its owner has ended" "" "$(ls -A reuse | grep cppvenv-)"

# A 240-byte venv name: created, refreshed, cleared and removed.
long=$(printf 'n%.0s' $(seq 1 240))
"$CPPVENV" create --without-pip -p "$python" "long/$long" 2>long.err
check "a 240-byte venv name can be created ($(cat long.err))" test -f "long/$long/pyvenv.cfg"
"$CPPVENV" create --without-pip --clear -p "$python" "long/$long" 2>long.err
check "...cleared ($(cat long.err))" test -f "long/$long/pyvenv.cfg"
"$CPPVENV" remove "long/$long" 2>long.err
check "...and removed ($(cat long.err))" test ! -e "long/$long"
check_equal "...leaving nothing hidden" "" "$(ls -A long)"

# A SIGKILLed --clear leaves its staging folder; a later in-place create (a
# refresh) sweeps it.
"$CPPVENV" create -p "$python" c/env
left=0
for round in $(seq 1 30); do
    "$CPPVENV" create --clear -p "$python" c/env &
    pid=$!
    sleep "0.0$((RANDOM % 10))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if ls -A c | grep -q cppvenv-staging; then
        left=1
        break
    fi
done
if [ "$left" = 1 ]; then
    "$CPPVENV" create --without-pip -p "$python" c/env
    check_equal "a refresh sweeps the staging folder of a SIGKILLed --clear" "" "$(ls -A c | grep cppvenv-)"
else
    echo "(no SIGKILL hit the staging phase in 30 rounds)"
fi
check "the venv is whole after killed --clear runs" c/env/bin/python -m pip --version
finish
