#!/usr/bin/env bash
# Interpreter facts are cached: a second --without-pip create never starts Python,
# and the cache notices a changed interpreter or a corrupt entry.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK"
# A stand-in interpreter that records every start, then runs the real one.
cat >python-wrapper <<WRAPPER
#!/bin/sh
echo run >>"$WORK/runs.log"
exec "$python" "\$@"
WRAPPER
chmod +x python-wrapper
runs() { if [ -f runs.log ]; then wc -l <runs.log | tr -d ' '; else echo 0; fi; }

"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" env1
check_equal "the first create runs the interpreter once" 1 "$(runs)"
"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" env2 env3
check_equal "later creates do not start Python at all" 1 "$(runs)"
check "the cached venv works" env3/bin/python -c 'import sys; assert sys.prefix != sys.base_prefix'

entry=$(ls "$XDG_CACHE_HOME"/cppvenv/interpreters/*.json)
check "the cache lives under XDG_CACHE_HOME/cppvenv" test -f "$entry"
printf '{"key": broken' >"$entry"
"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" env4
check_equal "a corrupt entry is ignored and the interpreter asked again" 2 "$(runs)"
check "the corrupt entry is rewritten" python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$entry"
"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" env5
check_equal "the rewritten entry is used" 2 "$(runs)"

touch -d '2001-01-01' python-wrapper
"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" env6
check_equal "a changed interpreter file is inspected again" 3 "$(runs)"
check "no temporary file is left in the cache" test -z "$(ls -A "$XDG_CACHE_HOME"/cppvenv/interpreters | grep -v '\.json$')"

rm -rf "$XDG_CACHE_HOME"
mkdir -p "$WORK/ro-cache" && export XDG_CACHE_HOME="$WORK/ro-cache/none/here"
touch "$WORK/ro-cache/none"
"$CPPVENV" create --without-pip -p "$WORK/python-wrapper" env7
check "a cache that cannot be written is not an error" test -f env7/pyvenv.cfg
finish
