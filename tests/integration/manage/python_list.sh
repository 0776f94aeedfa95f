#!/usr/bin/env bash
# `cppvenv python list` with a PATH and a pyenv root the test controls: every
# interpreter once by real path, and the one `create` would pick, with why.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
version=$("$python" -c 'import platform; print(platform.python_version())')
minor=${version%.*}
real=$(readlink -f "$python")
cd "$WORK" || exit 1
mkdir -p on-path also-on-path "pyenv/versions/$version/bin" project
ln -s "$python" on-path/python3
ln -s "$python" "also-on-path/python$minor"
# A pyenv root of our own: one version, linking to the interpreter.
ln -s "$python" "pyenv/versions/$version/bin/python3"
ln -s "$python" "pyenv/versions/$version/bin/python$minor"
export PYENV_ROOT="$WORK/pyenv" PATH="$WORK/on-path:$WORK/also-on-path:/usr/bin:/bin"
unset PYENV_VERSION
# A fresh Debian has only /usr/bin's interpreters: then the one under test is
# also found in a system folder (on PATH here), and its sources say so.
in_system=""
for dir in /usr/local/bin /usr/bin /bin; do
    for name in python3 "python$minor"; do
        if [ -x "$dir/$name" ] && [ "$(readlink -f "$dir/$name")" = "$real" ]; then
            in_system=yes
        fi
    done
done
sources_on_path=PATH,pyenv
[ -n "$in_system" ] && sources_on_path=PATH,system,pyenv

field() { # field FILE EXPRESSION-ON-d
    "$python" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
"$CPPVENV" python list --json >list.json
check_equal "the interpreter is listed once, by its real path" 1 \
    "$(field list.json "sum(1 for i in d['interpreters'] if i['real_path'] == '$real')")"
check_equal "no real path is listed twice" \
    "$(field list.json "len(d['interpreters'])")" "$(field list.json "len(set(i['real_path'] for i in d['interpreters']))")"
check_equal "its sources: PATH, then pyenv (and system, for a system interpreter)" "$sources_on_path" \
    "$(field list.json "','.join([i for i in d['interpreters'] if i['real_path'] == '$real'][0]['sources'])")"
check_equal "its version" "$version" \
    "$(field list.json "[i for i in d['interpreters'] if i['real_path'] == '$real'][0]['version']")"
check_equal "create picks python3 on PATH" "$WORK/on-path/python3|python3 on PATH" \
    "$(field list.json "d['selected']['path'] + '|' + d['selected']['reason']")"
check_equal "--json: the documented keys, in order" \
    "interpreters,selected|path,real_path,implementation,version,sources,usable,problem,selected" \
    "$(field list.json "','.join(d) + '|' + ','.join(d['interpreters'][0])")"
check_equal "exactly one is marked selected" 1 "$(field list.json "sum(i['selected'] for i in d['interpreters'])")"
if [ -x /usr/bin/python3 ]; then
    check "Debian's python3 is listed" \
        test "$(field list.json "[i['sources'] for i in d['interpreters'] if i['real_path'] == '$(readlink -f /usr/bin/python3)'][0]")" != ""
else
    echo "SKIPPED CHECK: Debian's python3 is listed: no /usr/bin/python3"
fi
text=$("$CPPVENV" python list)
check "text: the selected line is marked with *" grep -q "^\* $WORK/on-path/python3  *CPython $version  *${sources_on_path//,/, }\$" <<<"$text"
check "text: the reason is given" grep -q "^\* \`cppvenv create\` picks $WORK/on-path/python3: python3 on PATH\$" <<<"$text"

# pyenv's shims on PATH count as PATH for the version pyenv selects now.
mkdir -p pyenv/shims
echo "$version" >pyenv/version
PATH="$WORK/pyenv/shims:/usr/bin:/bin" "$CPPVENV" python list --json >shims.json
check_equal "shims: the selected pyenv version is found through PATH and in pyenv; pyenv's version file is why" \
    "$WORK/pyenv/versions/$version/bin/python3|PATH,pyenv${in_system:+,system}|$WORK/pyenv/version names $version (python3 on PATH is pyenv's shim)" \
    "$(field shims.json "'|'.join([d['selected']['path'], ','.join([i for i in d['interpreters'] if i['selected']][0]['sources']), d['selected']['reason']])")"
rm pyenv/version
# PYENV_VERSION selects for the shims: it is the reason, not PATH.
PYENV_VERSION=$version PATH="$WORK/pyenv/shims:/usr/bin:/bin" "$CPPVENV" python list >pyenv_version.txt
check "PYENV_VERSION: the reason names it" \
    grep -qxF "* \`cppvenv create\` picks $WORK/pyenv/versions/$version/bin/python3: PYENV_VERSION=$version (python3 on PATH is pyenv's shim)" pyenv_version.txt
PATH="$WORK/pyenv/shims:/usr/bin:/bin" "$CPPVENV" python list --json >no_selection.json
check_equal "shims selecting nothing: python3 on PATH is the reason" "python3 on PATH" \
    "$(field no_selection.json "d['selected']['reason']")"
# /usr/bin on PATH: Debian's python3 is found on PATH and in the system folders.
if [ -x /usr/bin/python3 ]; then
    debian_in_pyenv=""
    [ "$(readlink -f /usr/bin/python3)" = "$real" ] && debian_in_pyenv=",pyenv"
    check_equal "a system interpreter on PATH: sources PATH, system" "PATH,system$debian_in_pyenv" \
        "$(field no_selection.json "','.join([i for i in d['interpreters'] if i['real_path'] == '$(readlink -f /usr/bin/python3)'][0]['sources'])")"
fi

# .python-version decides when there is one.
cd project || exit 1
echo "$version" >.python-version
"$CPPVENV" python list --json >../pinned.json
check_equal ".python-version: the pinned pyenv version is picked, and why" \
    "$WORK/pyenv/versions/$version/bin/python3|$WORK/project/.python-version names $version" \
    "$(field ../pinned.json "d['selected']['path'] + '|' + d['selected']['reason']")"
echo "9.99" >.python-version
"$CPPVENV" python list --json >../missing.json
check_equal "a .python-version that matches nothing: no selection, and why" "None|9.99" \
    "$(field ../missing.json "str(d['selected']) + '|' + ('9.99' if '9.99' in d['selected_error'] else d['selected_error'])")"
cd "$WORK" || exit 1
check_fails "python needs a subcommand" 2 "cppvenv python needs a command: list" python
finish
