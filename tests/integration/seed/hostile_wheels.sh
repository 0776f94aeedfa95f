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
# A wheel whose central directory lies about a member's size (4 GiB for a few
# bytes), with enough members to be inflated on several threads: a first
# create lays the cache's pack out before any bytes, so a member after the liar
# (another thread's) would be written 4 GiB into it. The lie is an error, not the file size
# limit's signal (SIGXFSZ, exit 153), and the cache keeps nothing of it.
"$python" - liar.whl <<'PYTHON'
import base64, hashlib, struct, sys, zipfile
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
members = [("pip/m%03d.py" % i, b"y = %d\n" % i * 50) for i in range(200)]
members.insert(100, ("pip/liar.py", b"x = 1\n"))  # the main thread meets it late
members.append(("pip-99.dist-info/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\n"))
# RECORD tells the same lie (its sizes are text), so the mapping agrees.
record = "".join("%s,%s,%d\n" % (n, digest(d), 0xFFFFFFF0 if n == "pip/liar.py" else len(d))
                 for n, d in members)
members.append(("pip-99.dist-info/RECORD", (record + "pip-99.dist-info/RECORD,,\n").encode()))
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as wheel:
    for name, data in members:
        wheel.writestr(name, data)
data = bytearray(open(sys.argv[1], "rb").read())
# Its entry in the central directory (after every local header): name at +46.
central = data.index(b"pip/liar.py", data.index(b"PK\x01\x02")) - 46
assert data[central:central + 4] == b"PK\x01\x02"
struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)  # its uncompressed size
open(sys.argv[1], "wb").write(bytes(data))
PYTHON
use_wheel "$WORK/liar.whl"
(ulimit -f 102400 && exec "$CPPVENV" create -p "$python" liar-venv) 2>liar.err
check_equal "a wheel lying about a member's size fails with an error, not a signal" 1 "$?"
check "which names the member" grep -q "pip/liar.py is corrupt" liar.err
check "and no venv is left" test ! -e liar-venv
check_equal "and the wheel cache kept nothing of it" "" \
    "$(find "$XDG_CACHE_HOME/cppvenv/packs" -mindepth 1 -maxdepth 1 ! -name '.*' 2>/dev/null)"

# Cached facts that name a wheel which is gone (a Debian package upgraded since):
# ensurepip, which finds the current wheel itself, installs pip instead.
use_wheel "$WORK/gone/pip-1.0-py3-none-any.whl"
"$CPPVENV" create -p "$python" stale
check "with a vanished wheel in the cached facts, pip still works" stale/bin/pip --version
check "no file escaped into the work folder" test -z "$(find "$WORK" -name 'escaped.txt')"
check "no file escaped to an absolute path" test ! -e /tmp/cppvenv-escaped-absolute.txt
finish
