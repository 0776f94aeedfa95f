#!/usr/bin/env bash
# `cppvenv run`: the command runs as if the venv were activated, by exec, with
# its exit status passed through; without a command, $SHELL runs.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
cd "$WORK" || exit 1
"$CPPVENV" create --without-pip -p "$python" ours
"$python" -m venv --without-pip "ref env"

for env in ours "ref env"; do
    out=$(PYTHONHOME=/broken "$CPPVENV" run "$env" -- python -c 'import os, sys; print(sys.prefix); print(os.environ["VIRTUAL_ENV"]); print(os.environ.get("PYTHONHOME")); print(os.environ["PATH"].split(":")[0])')
    check_equal "$env: python is the venv's, VIRTUAL_ENV set, PYTHONHOME gone, bin first on PATH" \
        "$WORK/$env
$WORK/$env
None
$WORK/$env/bin" "$out"
    "$CPPVENV" run "$env" sh -c 'exit 42'
    check_equal "$env: the exit status passes through (no --)" 42 "$?"
done
out=$("$CPPVENV" run ours printf '[%s]' "a b" "'\$(x)\`" -n)
check_equal "arguments reach the command unchanged, options included" "[a b]['\$(x)\`][-n]" "$out"
pid_line=$(sh -c 'echo $$; exec "$0" run "$1" sh -c "echo \$\$"' "$CPPVENV" ours | tr '\n' ' ')
set -- $pid_line
check_equal "the command has cppvenv's process id" "$1" "$2"
out=$("$CPPVENV" run -q ours -- printf '%s' -q 2>&1)
check_equal "-q between run and ENV_DIR is cppvenv's, after it the command's" "-q" "$out"
err=$("$CPPVENV" run -v ours true 2>&1 >/dev/null)
check "-v after run explains what runs" grep -q "^cppvenv: running .*/true with VIRTUAL_ENV=$WORK/ours\$" <<<"$err"
out=$(echo 'echo "shell:$VIRTUAL_ENV"' | SHELL=/bin/bash "$CPPVENV" run ours)
check_equal "without a command, \$SHELL runs activated" "shell:$WORK/ours" "$out"
out=$(echo 'echo "sh:$VIRTUAL_ENV"' | env -u SHELL "$CPPVENV" run ours)
check_equal "without \$SHELL, /bin/sh runs" "sh:$WORK/ours" "$out"
check_fails "a missing command is exit 127" 127 "no-such-command: command not found" run ours no-such-command
printf 'x\n' >not-executable
check_fails "a file that cannot run is exit 126" 126 "cannot run" run ours ./not-executable
"$CPPVENV" create --without-pip -p "$python" broken
ln -sfn "$WORK/no-such-python" broken/bin/python
check_fails "a broken bin/python points to check" 127 "cannot run $WORK/broken/bin/python: No such file or directory (a broken link; \`cppvenv check broken\`" run broken python -V
check_fails "run on a folder that is not a venv" 1 "is not a virtual environment" run "$WORK" true
check_fails "run without ENV_DIR is a usage error" 2 "ENV_DIR" run
finish
