#!/usr/bin/env bash
# Every Python child runs isolated from the user's folder and environment, a
# shim is resolved afresh in each folder, and a negative or unsafe cached fact
# never decides a create.
. "$(dirname "$0")/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
cd "$WORK"
version_of() { "$1/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
cache_entry() { ls "$XDG_CACHE_HOME"/cppvenv/interpreters/*.json | head -n 1; }
edit_cached_facts() { # edit_cached_facts PYTHON-STATEMENT-ON-facts
    "$python" -c "import json, sys
entry = json.load(open(sys.argv[1])); facts = entry['facts']
$1
json.dump(entry, open(sys.argv[1], 'w'))" "$(cache_entry)"
}

# Modules in the current folder and on PYTHONPATH that would break (or lie to)
# the inspection and ensurepip if they were imported.
mkdir -p planted
for module in sysconfig ensurepip site compileall; do
    cat >"planted/$module.py" <<PLANTED
open("$WORK/IMPORTED-$module", "w").write("imported")
raise SystemExit("planted $module")
PLANTED
done
printf 'import os\nos.system("touch %s")\n' "$WORK/STARTUP-RAN" >planted/startup.py
(cd planted && PYTHONPATH="$WORK/planted" PYTHONHOME=/nonexistent PYTHONSTARTUP="$WORK/planted/startup.py" \
    PYTHONSAFEPATH= PYTHONINSPECT=1 "$CPPVENV" create -p "$python" "$WORK/isolated" 2>"$WORK/err")
check "create succeeds with sysconfig.py, ensurepip.py and site.py in the current folder and on PYTHONPATH ($(head -c 300 "$WORK/err"))" \
    test -f isolated/pyvenv.cfg
check "the venv got pip although ensurepip.py was planted" isolated/bin/python -c 'import pip'
check "no planted module was imported by any child" test -z "$(ls "$WORK" | grep '^IMPORTED-')"
check "PYTHONSTARTUP was not run" test ! -e "$WORK/STARTUP-RAN"
"$CPPVENV" create --without-pip -p "$python" elsewhere
check "a later create elsewhere is not broken by what was cached there" test -f elsewhere/pyvenv.cfg

# A version manager's shim picks the interpreter from the current folder: it is
# resolved in each folder, never answered from another folder's cached facts.
second=""
for candidate in /usr/bin/pypy3 $HOME/.pyenv/versions/3.12.*/bin/python3.12 $HOME/.pyenv/versions/3.10.*/bin/python3.10 /usr/bin/python3; do
    if [ -x "$candidate" ] && [ "$("$candidate" -c 'import sys; print(sys.version_info[:2])')" != "$("$python" -c 'import sys; print(sys.version_info[:2])')" ]; then
        second=$candidate
        break
    fi
done
if [ -n "$second" ]; then
    mkdir -p shims a b
    cat >shims/python3 <<SHIM
#!/bin/sh
# picks the interpreter named in ./.picked, as pyenv, asdf and mise shims do
if [ "\$(cat .picked 2>/dev/null)" = second ]; then exec "$second" "\$@"; fi
exec "$python" "\$@"
SHIM
    chmod +x shims/python3
    echo first >a/.picked
    echo second >b/.picked
    (cd a && PATH="$WORK/shims:/usr/bin:/bin" "$CPPVENV" create --without-pip -p python3 venv)
    (cd b && PATH="$WORK/shims:/usr/bin:/bin" "$CPPVENV" create --without-pip -p python3 venv)
    check_equal "the shim in folder a gives a's interpreter" \
        "$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" "$(version_of a/venv)"
    check_equal "the shim in folder b gives b's interpreter, not a's cached facts" \
        "$("$second" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" "$(version_of b/venv)"
else
    echo "SKIPPED CHECK: the shim test needs a second interpreter of another version"
fi

# A negative fact (no ensurepip, no wheels: Debian before python3.X-venv is
# installed) is checked again before it makes a create fail.
rm -rf "$XDG_CACHE_HOME"
"$CPPVENV" create --without-pip -p "$python" seeded-cache
edit_cached_facts 'facts["has_ensurepip"] = False; facts["ensurepip_wheels"] = []'
"$CPPVENV" create -p "$python" after-install 2>err
check "a cached 'no ensurepip' is checked again before create fails ($(cat err))" \
    after-install/bin/python -c 'import pip'

# Cached facts are validated like fresh ones: a layout path that leaves the venv
# is never used.
rm -rf "$XDG_CACHE_HOME"
"$CPPVENV" create --without-pip -p "$python" seeded-cache2
edit_cached_facts 'facts["scripts_dir"] = "../escape"; facts["purelib_dir"] = "../../escape2/site"'
mkdir -p jail
"$CPPVENV" create --without-pip -p "$python" jail/venv 2>err
check "a cached scripts_dir of '../escape' writes nothing beside the venv" test ! -e jail/escape
check "a cached purelib_dir leaving the venv writes nothing outside it" test ! -e escape2
check "the venv is made from fresh facts instead" test -x jail/venv/bin/python

# With the ensurepip fallback and --system-site-packages, the venv still gets
# its own pip (CPython hides the system site-packages while ensurepip runs).
if "$python" -c 'import pip' 2>/dev/null; then
    rm -rf "$XDG_CACHE_HOME"
    "$CPPVENV" create --without-pip -p "$python" seeded-cache3
    edit_cached_facts 'facts["has_ensurepip"] = True; facts["ensurepip_wheels"] = []'
    "$CPPVENV" create --system-site-packages -p "$python" syssite 2>err
    check "ensurepip with --system-site-packages installs the venv's own pip ($(cat err))" \
        test -n "$(ls -d syssite/lib/*/site-packages/pip 2>/dev/null)"
    check_equal "pyvenv.cfg says include-system-site-packages = true afterwards" true \
        "$(cfg_value syssite/pyvenv.cfg include-system-site-packages)"
else
    echo "SKIPPED CHECK: $python has no pip of its own, so --system-site-packages cannot hide it"
fi
finish
