#!/usr/bin/env bash
# Default creates (pip seeded into the staging folder) are whole-or-nothing too:
# SIGKILL at random moments never leaves a venv without a complete pip, and eight
# default creates of one ENV_DIR at once end with one venv whose pip works.
. "$(dirname "$0")/../create/lib.sh"
python=$(resolve_interpreter_or_skip "$HOME/.pyenv/versions/3.12.*/bin/python3.12 /usr/bin/python3")
cd "$WORK" || exit 1
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CONFIG_FILE=/dev/null
"$CPPVENV" create -p "$python" reference
describe_tree reference | grep -v '^\./pyvenv.cfg' >reference.tree

whole_or_absent() { # whole_or_absent DIR
    [ ! -e "$1" ] && return 0
    [ -f "$1/pyvenv.cfg" ] || return 1
    cmp -s reference.tree <(describe_tree "$1" | grep -v '^\./pyvenv.cfg') || return 1
    "$1/bin/python" -m pip check >/dev/null
}

names=()
for i in $(seq 1 6); do names+=("k/env$i"); done
broken=0
for round in $(seq 1 25); do
    mkdir -p k
    "$CPPVENV" create -p "$python" "${names[@]}" &
    pid=$!
    sleep "0.0$((RANDOM % 10))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    for name in "${names[@]}"; do
        if ! whole_or_absent "$name"; then
            broken=$((broken + 1))
            echo "round $round: $name is neither whole nor absent"
        fi
    done
    "$CPPVENV" create --without-pip -p "$python" k/after
    check "round $round: no staging folder outlives a killed run" test -z "$(find k -maxdepth 1 -name "*cppvenv-staging*")"
    rm -rf k
done
check_equal "SIGKILL at random moments leaves every default ENV_DIR whole or absent" 0 "$broken"

for round in 1 2 3; do
    pids=()
    for i in $(seq 1 8); do
        "$CPPVENV" create -p "$python" race/env 2>"race-$i.err" &
        pids+=($!)
    done
    failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
    check_equal "round $round: all eight concurrent default creates succeed ($(cat race-*.err))" 0 "$failed"
    check "round $round: eight concurrent default creates end with one venv and a working pip" \
        whole_or_absent race/env
    check "round $round: the venv exists" test -f race/env/pyvenv.cfg
    check_equal "round $round: nothing else is left in the parent" "env" "$(ls -A race)"
    rm -rf race
done
finish
