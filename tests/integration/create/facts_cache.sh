#!/usr/bin/env bash
# Interpreter facts are cached under the identity of the file that really ran as
# the interpreter: a second create never starts it, a changed file or a corrupt
# entry is inspected again, and a wrapper or shim is never cached.
. "$(dirname "$0")/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
cd "$WORK"
inspections() { grep -c "^cppvenv: inspecting " "$1"; }

# A copy of the interpreter's binary: a file of the test's own that can be
# touched, and that runs as itself (its realpath is sys.executable's).
mkdir -p copy/bin && cp "$(readlink -f "$python")" copy/bin/python3
if ! copy/bin/python3 -c 'import sys' 2>/dev/null; then
    skip_suite "a copy of $python does not run on its own"
fi
interpreter="$WORK/copy/bin/python3"
"$CPPVENV" -v create --without-pip -p "$interpreter" env1 2>log1
check_equal "the first create inspects the interpreter once" 1 "$(inspections log1)"
"$CPPVENV" -v create --without-pip -p "$interpreter" env2 env3 2>log2
check_equal "later creates do not start the interpreter" 0 "$(inspections log2)"
check "the venv made from cached facts works" env3/bin/python -c 'import sys; assert sys.prefix != sys.base_prefix'

entry=$(ls "$XDG_CACHE_HOME"/cppvenv/interpreters/*.json)
check "the cache lives under XDG_CACHE_HOME/cppvenv" test -f "$entry"
printf '{"key": broken' >"$entry"
"$CPPVENV" -v create --without-pip -p "$interpreter" env4 2>log4
check_equal "a corrupt entry is ignored and the interpreter asked again" 1 "$(inspections log4)"
check "the corrupt entry is rewritten as JSON" "$python" -c "import json, sys; json.load(open(sys.argv[1]))" "$entry"
"$CPPVENV" -v create --without-pip -p "$interpreter" env5 2>log5
check_equal "the rewritten entry is used" 0 "$(inspections log5)"

touch -d '2001-01-01' copy/bin/python3
"$CPPVENV" -v create --without-pip -p "$interpreter" env6 2>log6
check_equal "a changed interpreter file is inspected again" 1 "$(inspections log6)"
check "no temporary file is left in the cache" test -z "$(ls -A "$XDG_CACHE_HOME"/cppvenv/interpreters | grep -v '\.json$')"

# A wrapper that starts the real interpreter is not the interpreter: it could
# start another one next time, so it is asked every time and never cached.
cat >python-wrapper <<WRAPPER
#!/bin/sh
echo run >>"$WORK/runs.log"
exec "$interpreter" "\$@"
WRAPPER
chmod +x python-wrapper
"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" wrapped1
"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" wrapped2
check_equal "a wrapper script is run at every create, never cached" 2 "$(wc -l <runs.log | tr -d ' ')"
check_equal "a venv made through a wrapper links to the real interpreter" "$interpreter" \
    "$(readlink wrapped2/bin/python3)"

rm -rf "$XDG_CACHE_HOME"
mkdir -p "$WORK/ro-cache" && export XDG_CACHE_HOME="$WORK/ro-cache/none/here"
touch "$WORK/ro-cache/none"
"$CPPVENV" create --without-pip -p "$interpreter" env7
check "a cache that cannot be written is not an error" test -f env7/pyvenv.cfg
finish
