#!/usr/bin/env bash
# A crafted wheel in place of the bundled one (a `../` member, an absolute member,
# a symlink out of the venv, a member whose hash does not match RECORD) is
# refused with a clear error, and nothing is written outside the venv — in fact
# nothing is left at all: the staging folder goes with the error. A wheel that
# vanished since the facts were cached is not an error: ensurepip takes over.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
cd "$WORK" || exit 1

# Fill the facts cache, then point its wheels at the crafted ones.
"$CPPVENV" create --without-pip -p "$python" probe
cache_entries=("$XDG_CACHE_HOME"/cppvenv/interpreters/*.json)
check "the facts cache has an entry for $python" test -f "${cache_entries[0]}"

craft() { # craft NAME KIND: writes NAME.whl, a pip wheel with one hostile member
    "$python" - "$1.whl" "$2" <<'PYTHON'
import base64, hashlib, stat, sys, zipfile
path, kind = sys.argv[1], sys.argv[2]
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
members = [("pip/__init__.py", b"", None),
           ("pip-99.dist-info/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\n", None)]
if kind == "dotdot":
    members.append(("pip/../../../../../../escaped.txt", b"owned\n", None))
elif kind == "absolute":
    members.append(("/tmp/cppvenv-escaped-absolute.txt", b"owned\n", None))
elif kind == "symlink":
    members.append(("pip/link", b"../../../../../../../../etc", stat.S_IFLNK | 0o777))
record = "".join("%s,%s,%d\n" % (n, digest(d), len(d)) for n, d, _ in members)
if kind == "hash":
    members.append(("pip/tampered.py", b"import os\n", None))
    record += "pip/tampered.py,%s,10\n" % digest(b"print('hi')\n")
members.append(("pip-99.dist-info/RECORD", (record + "pip-99.dist-info/RECORD,,\n").encode(), None))
with zipfile.ZipFile(path, "w") as wheel:
    for name, data, mode in members:
        info = zipfile.ZipInfo(name)
        if mode:
            info.create_system = 3
            info.external_attr = mode << 16
        wheel.writestr(info, data)
PYTHON
}

use_wheel() { # use_wheel PATH: the cached facts now name only this pip wheel
    "$python" - "$1" "${cache_entries[@]}" <<'PYTHON'
import json, sys
wheel, entries = sys.argv[1], sys.argv[2:]
for entry in entries:
    with open(entry) as f:
        data = json.load(f)
    data["facts"]["ensurepip_wheels"] = [{"project": "pip", "version": "99", "path": wheel}]
    with open(entry, "w") as f:
        json.dump(data, f)
PYTHON
}

for case in "dotdot:unsafe member name" "absolute:unsafe member name" \
    "symlink:is a symlink" "hash:does not match its hash in RECORD"; do
    kind=${case%%:*} message=${case#*:}
    craft "$kind" "$kind"
    use_wheel "$WORK/$kind.whl"
    mkdir -p "$kind/a/b"
    check_fails "a wheel with a $kind member is refused" 1 "$message" \
        create -p "$python" "$kind/a/b/venv"
    check "no venv is left after the $kind wheel" test ! -e "$kind/a/b/venv"
    check_equal "nothing at all is left beside it after the $kind wheel" "" "$(ls -A "$kind/a/b")"
done
# Cached facts that name a wheel which is gone (a Debian package upgraded since):
# ensurepip, which finds the current wheel itself, installs pip instead.
use_wheel "$WORK/gone/pip-1.0-py3-none-any.whl"
"$CPPVENV" create -p "$python" stale
check "with a vanished wheel in the cached facts, pip still works" stale/bin/pip --version
check "no file escaped into the work folder" test -z "$(find "$WORK" -name 'escaped.txt')"
check "no file escaped to an absolute path" test ! -e /tmp/cppvenv-escaped-absolute.txt
finish
