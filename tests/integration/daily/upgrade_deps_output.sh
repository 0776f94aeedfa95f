#!/usr/bin/env bash
# --upgrade-deps runs the venv's pip with cppvenv's -q/-v, and an index that
# cannot be reached fails at once with one line (pip alone retries for ~17 s
# and then "succeeds" having upgraded nothing). A local index served by
# http.server stands in for PyPI; a closed port and a network namespace with no
# network stand in for being offline.
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3
wheels=/usr/share/python-wheels
ls "$wheels"/pip-*.whl >/dev/null 2>&1 || skip_suite "no pip wheel in $wheels (python3-pip-whl)"
cd "$WORK" || exit 1
# Only this suite's index: no pip.conf, no --find-links, no version check.
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_NO_INDEX PIP_RETRIES PIP_TIMEOUT
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1

mkdir -p index/pip index/setuptools
cp "$wheels"/pip-*.whl index/pip/
cp "$wheels"/setuptools-*.whl index/setuptools/ 2>/dev/null
(cd index && exec "$python" -u -m http.server --bind 127.0.0.1 0 >../server.out 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT
for _ in $(seq 300); do
    port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' server.out)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || skip_suite "http.server did not start: $(cat server.out)"

# A reachable index: -q prints nothing at all, the default shows pip's own
# lines, -v passes -v on to pip.
export PIP_INDEX_URL=http://127.0.0.1:$port/
"$CPPVENV" -q create --upgrade-deps -p "$python" quiet >quiet.out 2>&1
check_equal "-q create --upgrade-deps: exit 0" 0 "$?"
check_equal "-q create --upgrade-deps prints nothing" "" "$(cat quiet.out)"
"$CPPVENV" create -q --upgrade-deps -p "$python" quiet-after >quiet-after.out 2>&1
check_equal "create -q (after the command) --upgrade-deps prints nothing" "" "$(cat quiet-after.out)"
"$CPPVENV" create --upgrade-deps -p "$python" default >default.out 2>&1
check_equal "create --upgrade-deps: exit 0" 0 "$?"
check "create --upgrade-deps shows pip's own lines" grep -q "^Requirement already satisfied: pip" default.out
check "without -v pip is not verbose" sh -c '! grep -q "^Using pip" default.out'
"$CPPVENV" -v create --upgrade-deps -p "$python" verbose >verbose.out 2>&1
check "-v reaches pip (its 'Using pip' line)" grep -q "^Using pip " verbose.out
check "-v explains cppvenv's own steps too" grep -q "^cppvenv: upgrading pip" verbose.out
check "no log file of pip's is left behind" sh -c '! ls "${TMPDIR:-/tmp}"/cppvenv-pip-*.log 2>/dev/null | grep -q .'

# A closed port: one error line, exit 1, and the venv is usable.
PIP_INDEX_URL=http://127.0.0.1:9/ "$CPPVENV" create --upgrade-deps -p "$python" closed \
    >closed.out 2>closed.err
check_equal "index on a closed port: exit 1" 1 "$?"
check_equal "index on a closed port: one line on stderr, no pip retries" \
    "cppvenv: error: --upgrade-deps needs the package index, and http://127.0.0.1:9/pip/ is unreachable (Connection refused); $WORK/closed is usable with the pip it was created with (to upgrade from local wheels, use --seed-from DIR)" \
    "$(cat closed.err)"
check "the venv made before the failed upgrade works" closed/bin/pip --version
PIP_INDEX_URL=http://127.0.0.1:9/ "$CPPVENV" -q create --upgrade-deps -p "$python" closed-quiet \
    >closed-quiet.out 2>&1
check_equal "-q, index on a closed port: only the error line" \
    "1 cppvenv: error: --upgrade-deps needs the package index, and http://127.0.0.1:9/pip/ is unreachable (Connection refused); $WORK/closed-quiet is usable with the pip it was created with (to upgrade from local wheels, use --seed-from DIR)" \
    "$? $(cat closed-quiet.out)"

# No network at all (a new network namespace: root only), the default index.
if unshare -n true 2>/dev/null; then
    unset PIP_INDEX_URL
    unshare -n "$CPPVENV" -q create --upgrade-deps -p "$python" offline >offline.out 2>&1
    status=$?
    check_equal "offline: exit 1" 1 "$status"
    check "offline: one error line naming PyPI's page" \
        grep -qx "cppvenv: error: --upgrade-deps needs the package index, and https://pypi.org/simple/pip/ is unreachable (.*); $WORK/offline is usable .*" offline.out
    check_equal "offline: nothing else printed" 1 "$(wc -l <offline.out)"
else
    echo "note: unshare -n is not allowed here; the closed port stands for offline"
fi
finish
