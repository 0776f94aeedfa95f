#!/usr/bin/env bash
# activate_this.py activates a venv inside an already running interpreter: its
# site-packages come first on sys.path, and VIRTUAL_ENV, VIRTUAL_ENV_PROMPT and
# PATH are set, for a hostile path and prompt too.
. "$(dirname "$0")/../create/lib.sh"
interpreters=()
for candidate in "$HOME"/.pyenv/versions/3.12.*/bin/python3.12 "$HOME"/.pyenv/versions/3.7.*/bin/python3.7 \
    /usr/bin/python3 /usr/bin/pypy3; do
    if [ -x "$candidate" ]; then interpreters+=("$candidate"); else echo "SKIPPED CHECK: $candidate is not installed"; fi
done
[ ${#interpreters[@]} -gt 0 ] || skip_suite "no interpreter"
# The work folder is the current folder of every command: a value that ran as
# shell code would leave its PWNED file there.
cd "$WORK" || exit 1

name='sp ace '\''q"d`bt$(touch PWNED)${HOME};&|!%\*é🐍'
prompt='p '\''q"d`$(touch PWNED) é🐍 \'
for python in "${interpreters[@]}"; do
    note_interpreter "$python"
    venv="$WORK/$(basename "$python")/$name"
    "$CPPVENV" create --without-pip -p "$python" --prompt "$prompt" "$venv"
    site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo 'WHERE = "venv"' >"$site/marker_module.py"
    out=$(cd "$WORK" && env -i LANG=C.UTF-8 PATH=/usr/bin:/bin PYTHONHOME=/nowhere-unused "$python" -E -c '
import os, sys
script = sys.argv[1]
exec(open(script).read(), {"__file__": script})
import marker_module
print(marker_module.WHERE)
print(os.environ["VIRTUAL_ENV"])
print(os.environ["VIRTUAL_ENV_PROMPT"])
print(os.environ["PATH"].split(os.pathsep)[0])
print("PYTHONHOME" in os.environ)
print(sys.prefix)' "$venv/bin/activate_this.py" 2>&1)
    expected=$(printf '%s\n' venv "$venv" "$prompt" "$venv/bin" False "$venv")
    check_equal "$python: activate_this.py activates the venv in a running interpreter" "$expected" "$out"
    check "$python: no value ran as code (no PWNED file)" test -z "$(find "$WORK" -name PWNED)"
    # PATH unset: only the venv's folder (an empty entry would be the current folder).
    out=$(cd "$WORK" && env -i LANG=C.UTF-8 "$python" -E -c '
import os, sys
exec(open(sys.argv[1]).read(), {"__file__": sys.argv[1]})
print(repr(os.environ["PATH"]))' "$venv/bin/activate_this.py" 2>&1)
    check_equal "$python: activate_this.py with PATH unset sets PATH to the venv's folder alone" \
        "$(/usr/bin/python3 -c 'import sys; print(repr(sys.argv[1]))' "$venv/bin")" "$out"
done
finish
