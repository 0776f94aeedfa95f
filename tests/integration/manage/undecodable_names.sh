#!/usr/bin/env bash
# Names that are not valid UTF-8 (byte 0xff, Latin-1's 0xe9) in a listed tree,
# in a venv's path and files, and in an interpreter's prefix: every --json output
# stays valid JSON (README: U+FFFD in the string, the exact bytes as hex in a
# "<name>_bytes" member), such an interpreter is inspected, and create refuses
# what pyvenv.cfg cannot hold (Python reads it as UTF-8).
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3.11
cd "$WORK" || exit 1
export PYENV_ROOT="$WORK/no-pyenv"
odd=$(printf 'odd-\377-dir')
shown_odd=$(printf 'odd-\357\277\275-dir') # how --json shows it: U+FFFD
latin1_cafe=$(printf 'caf\351')
hex_of() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }

# json_query FILE EXPRESSION-ON-d: the expression's value, or INVALID when FILE is
# not strict JSON (Python's json module accepts lone surrogates; UTF-8 does not).
json_query() {
    "$python" -c '
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
    json.dumps(d, ensure_ascii=False).encode("utf-8")
except Exception as error:
    print("INVALID:", error)
    sys.exit()
print(eval(sys.argv[2]))' "$1" "$2"
}

# A venv under a folder named with 0xff, with a distribution named in Latin-1.
mkdir -p "$odd/project"
"$CPPVENV" create --without-pip -p "$python" made-here
mv made-here "$odd/project/.venv"
venv="$WORK/$odd/project/.venv"
dist_info="$venv/lib/python3.11/site-packages/$latin1_cafe-1.0.dist-info"
mkdir -p "$dist_info"
printf 'Metadata-Version: 2.1\nName: %s\nVersion: 1.0\n' "$latin1_cafe" >"$dist_info/METADATA"

run_cppvenv info --json "$venv"
check_equal "info --json: exit 0, no unexpected failure" "0|" "$STATUS|$ERR"
"$CPPVENV" info --json "$venv" >info.json
check_equal "info --json: the path with U+FFFD for byte 0xff" "$WORK/$shown_odd/project/.venv" \
    "$(json_query info.json "d['path']")"
check_equal "info --json: path_bytes holds the exact path as hex" "$(hex_of "$venv")" \
    "$(json_query info.json "d['path_bytes']")"
check_equal "info --json: a Latin-1 distribution name, and its bytes" \
    "$(printf 'caf\357\277\275')|$(hex_of "$latin1_cafe")" \
    "$(json_query info.json "[x['name'] + '|' + x['name_bytes'] for x in d['distributions']][0]")"

"$CPPVENV" list --json . >list.json
check_equal "list --json: valid JSON; the venv's path_bytes is its exact path" "$(hex_of "$venv")" \
    "$(json_query list.json "[e['path_bytes'] for e in d if 'path_bytes' in e][0]")"

"$CPPVENV" check --json "$venv" >check.json
check_equal "check --json: valid JSON; path_bytes is the exact path" "$(hex_of "$venv")" \
    "$(json_query check.json "d[0]['path_bytes']")"
check_equal "check --json: the venv is healthy" "True" "$(json_query check.json "d[0]['healthy']")"

# A pyvenv.cfg with a Latin-1 prompt (which the venv's own python cannot read).
"$CPPVENV" create --without-pip -p "$python" latin1-cfg
printf "prompt = '%s'\n" "$latin1_cafe" >>latin1-cfg/pyvenv.cfg
"$CPPVENV" info --json latin1-cfg >latin1-info.json
check_equal "info --json: a Latin-1 prompt from pyvenv.cfg, and its bytes" \
    "$(printf 'caf\357\277\275')|$(hex_of "$latin1_cafe")" \
    "$(json_query latin1-info.json "d['prompt'] + '|' + d['prompt_bytes']")"
"$CPPVENV" check --json latin1-cfg >latin1-check.json
check_equal "check --json: valid JSON, the venv reported unhealthy" "False" \
    "$(json_query latin1-check.json "d[0]['healthy']")"
run_cppvenv create --without-pip -p latin1-cfg/bin/python from-latin1
check_equal "create -p that venv's python: exit 0, no unexpected failure" "0|" "$STATUS|$ERR"
check_equal "the new venv's python runs" "ok" "$(from-latin1/bin/python -c 'print("ok")' 2>&1)"

# That venv's python, whose sys.executable holds 0xff, works as -p.
run_cppvenv create --without-pip -p "$venv/bin/python" from-odd-venv
check_equal "create -p a python under a 0xff folder: exit 0" "0|" "$STATUS|$ERR"
check_equal "that venv's python runs" "ok" "$(from-odd-venv/bin/python -c 'print("ok")' 2>&1)"

# An interpreter whose prefix is under a 0xff folder: Debian's python3.11 copied,
# with its standard library linked in beside it.
mkdir -p "$odd/prefix/bin"
cp "$python" "$odd/prefix/bin/python3.11"
ln -s python3.11 "$odd/prefix/bin/python3"
ln -s /usr/lib "$odd/prefix/lib"
odd_python="$WORK/$odd/prefix/bin/python3.11"
version=$("$python" -c 'import platform; print(platform.python_version())')
PATH="$WORK/$odd/prefix/bin:/usr/bin:/bin" "$CPPVENV" python list --json >python-list.json
check_equal "python list --json: the interpreter in the 0xff folder is listed, usable, by version" \
    "True|$version" \
    "$(json_query python-list.json "[str(i['usable']) + '|' + str(i['version']) for i in d['interpreters'] if i.get('real_path_bytes') == '$(hex_of "$odd_python")'][0]")"
check_equal "python list --json: the selected one's path_bytes is its exact path" \
    "$(hex_of "$WORK/$odd/prefix/bin/python3")" "$(json_query python-list.json "d['selected']['path_bytes']")"
PATH="$WORK/$odd/prefix/bin:/usr/bin:/bin" "$CPPVENV" python list --json >python-list-cached.json
check "python list --json: the same answer from the facts cache" \
    cmp -s python-list.json python-list-cached.json
check "the facts cache holds the exact bytes of that base prefix, as hex" \
    grep -rqF "{\"bytes\":\"$(hex_of "$WORK/$odd/prefix")\"}" "$XDG_CACHE_HOME/cppvenv/interpreters"

# pyvenv.cfg cannot hold what is not UTF-8: refused before anything is written.
check_fails "create -p an interpreter whose home is not UTF-8 is refused" 1 "not valid UTF-8" \
    create --without-pip -p "$odd_python" refused-home
check "nothing is left of the refused venv" test ! -e refused-home
check_fails "create inside a folder whose name is not UTF-8 is refused" 1 "not valid UTF-8" \
    create --without-pip -p "$python" "$odd/new-venv"
check "nothing is left of it either" test ! -e "$odd/new-venv"
finish
