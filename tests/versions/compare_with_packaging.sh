#!/usr/bin/env bash
# Compares cppvenv's PEP 440 order with pip's vendored packaging.version, the
# order pip itself uses, over every pair of versions in pep440_order.txt
# (invalid ones included: both must refuse the same texts).
# Usage: compare_with_packaging.sh VERSION_ORDER_TOOL
set -euo pipefail
tool=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# A Python that can import pip._vendor.packaging: a pyenv one's own pip, or
# Debian's python3 with the pip wheel from python3-pip-whl on its path.
python=""
python_path=""
for candidate in "$HOME"/.pyenv/versions/3.1[0-9].*/bin/python3 /usr/bin/python3; do
    [ -x "$candidate" ] || continue
    if "$candidate" -c 'import pip._vendor.packaging.version' 2>/dev/null; then
        python=$candidate
        break
    fi
    for wheel in /usr/share/python-wheels/pip-*.whl; do
        if [ -f "$wheel" ] && PYTHONPATH=$wheel "$candidate" -c \
            'import pip._vendor.packaging.version' 2>/dev/null; then
            python=$candidate
            python_path=$wheel
            break 2
        fi
    done
done
if [ -z "$python" ]; then
    echo "SKIP: no Python with pip's vendored packaging (pyenv, or python3 and python3-pip-whl)"
    exit 77
fi

versions=$(mktemp)
trap 'rm -f "$versions"' EXIT
# Every version of the corpus, one per line: groups of equal versions split at
# spaces, invalid texts (after "# invalid") kept whole, comments dropped.
awk '/^# invalid/ { invalid = 1; next } /^#/ || /^$/ { next }
     invalid { print; next } { for (i = 1; i <= NF; i++) print $i }' \
    "$here/pep440_order.txt" >"$versions"

expected=$(PYTHONPATH=$python_path "$python" -c '
import sys
from pip._vendor.packaging.version import Version, InvalidVersion
def parse(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None
versions = [line.rstrip("\n") for line in open(sys.argv[1])]
parsed = [parse(v) for v in versions]
for a in parsed:
    if a is None:
        print("invalid")
        continue
    print("".join("x" if b is None else "<" if a < b else ">" if a > b else "=" for b in parsed))
' "$versions")
actual=$("$tool" <"$versions")
echo "compared $(wc -l <"$versions") versions with $python's pip._vendor.packaging"
if [ "$expected" != "$actual" ]; then
    echo "FAIL: the orders differ (first differing versions below)"
    paste -d '|' "$versions" <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") |
        awk -F '|' '$2 != $3 { print "  " $1 ":\n    packaging: " $2 "\n    cppvenv:   " $3 }' | head -20
    exit 1
fi
echo "PASS: the same order and the same refusals"
