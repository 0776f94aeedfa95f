#!/usr/bin/env bash
# A venv appears whole or not at all: SIGKILL at random moments never leaves a
# partial ENV_DIR, and eight creates of one ENV_DIR at once end with one venv.
# Usage: kill_and_race.sh without-pip|with-pip
#   without-pip: `create --without-pip --copies`, killed within 0-9 ms
#   with-pip:    default creates (pip seeded into the staging folder), killed
#                within 0-90 ms; a whole venv must also pass `pip check`
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK" || exit 1
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CONFIG_FILE=/dev/null
case ${1:-} in
without-pip) flags=(--without-pip --copies) delay_unit=0.00 venv_count=12 rounds=40 ;;
with-pip) flags=() delay_unit=0.0 venv_count=6 rounds=25 ;;
*) echo "usage: $0 without-pip|with-pip" >&2 && exit 2 ;;
esac

"$CPPVENV" create "${flags[@]}" -p "$python" reference
describe_tree reference | grep -v '^\./pyvenv.cfg' >reference.tree

whole_or_absent() { # whole_or_absent DIR
    [ ! -e "$1" ] && return 0
    [ -f "$1/pyvenv.cfg" ] || return 1
    cmp -s reference.tree <(describe_tree "$1" | grep -v '^\./pyvenv.cfg') || return 1
    "$1/bin/python" -c 'import sys; assert sys.prefix != sys.base_prefix' || return 1
    [ "${flags[*]}" != "" ] || "$1/bin/python" -m pip check >/dev/null
}

names=()
for i in $(seq 1 "$venv_count"); do names+=("k/env$i"); done
broken=0
for round in $(seq 1 "$rounds"); do
    mkdir -p k
    "$CPPVENV" create "${flags[@]}" -p "$python" "${names[@]}" &
    pid=$!
    sleep "$delay_unit$((RANDOM % 10))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    for name in "${names[@]}"; do
        if ! whole_or_absent "$name"; then
            broken=$((broken + 1))
            echo "round $round: $name is neither whole nor absent"
        fi
    done
    # The next run into the same parent removes what the killed one left.
    "$CPPVENV" create --without-pip -p "$python" k/after
    check "round $round: no staging folder outlives a killed run" test -z "$(ls -A k | grep cppvenv-staging)"
    rm -rf k
done
check_equal "SIGKILL at random moments leaves every ENV_DIR whole or absent" 0 "$broken"

for round in 1 2 3; do
    pids=()
    for i in $(seq 1 8); do
        "$CPPVENV" create "${flags[@]}" -p "$python" race/env 2>"race-$i.err" &
        pids+=($!)
    done
    failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
    check_equal "round $round: all eight concurrent creates succeed ($(cat race-*.err))" 0 "$failed"
    check "round $round: eight concurrent creates end with one working venv" whole_or_absent race/env
    check "round $round: the venv exists" test -f race/env/pyvenv.cfg
    check_equal "round $round: nothing else is left in the parent" "env" "$(ls -A race)"
    rm -rf race
done
finish
