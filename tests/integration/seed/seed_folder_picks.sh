#!/usr/bin/env bash
# Which wheel of a --seed-from folder is taken, as pip would take it: among
# wheels of one version the highest build tag (none sorts lowest, then by its
# number: 10 after 2); a final release before a pre-release, unless no final
# release is there or that pre-release is asked for by its version; and a wheel
# whose METADATA names another project or version than its file name is refused.
# The wheels are small ones made here: which one was installed shows in the
# marker each one's pip/__init__.py holds.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
cd "$WORK" || exit 1

wheel() { # wheel FILE MARKER [METADATA_NAME [METADATA_VERSION]]: a small pip wheel
    "$python" - "$@" <<'PYTHON'
import base64, hashlib, os, sys, zipfile
path, marker = sys.argv[1], sys.argv[2]
fields = os.path.basename(path).split("-")
version = fields[1]
name = sys.argv[3] if len(sys.argv) > 3 else "pip"
meta_version = sys.argv[4] if len(sys.argv) > 4 else version
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
dist = "pip-%s.dist-info" % version
members = [("pip/__init__.py", ("marker = %r\n" % marker).encode()),
           (dist + "/METADATA", ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, meta_version)).encode()),
           (dist + "/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")]
record = "".join("%s,%s,%d\n" % (n, digest(d), len(d)) for n, d in members)
members.append((dist + "/RECORD", (record + dist + "/RECORD,,\n").encode()))
os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
with zipfile.ZipFile(path, "w") as out:
    for n, d in members:
        out.writestr(n, d)
PYTHON
}
marker_of() { "$1/bin/python" -c 'import pip; print(pip.marker)'; } # marker_of VENV

# Build tags: none, 1, 2 and 10 of pip 99.0.
for build in "" 1- 2- 10-; do
    wheel "B/pip-99.0-${build}py3-none-any.whl" "build ${build%-}"
done
check "a folder with four builds of pip 99.0 seeds a venv" \
    "$CPPVENV" create -p "$python" --seed-from B --setuptools none b1
check_equal "...with the highest build, 10 (compared as a number)" "build 10" "$(marker_of b1)"
check "--pip 99.0 from that folder" "$CPPVENV" create -p "$python" --seed-from B --pip 99.0 \
    --setuptools none b2
check_equal "...takes build 10 too" "build 10" "$(marker_of b2)"
check "--upgrade-deps --seed-from that folder" \
    "$CPPVENV" create -p "$python" --seed-from B --upgrade-deps --setuptools none b3
check_equal "...takes build 10 too" "build 10" "$(marker_of b3)"
mkdir B1
cp B/pip-99.0-py3-none-any.whl B/pip-99.0-1-py3-none-any.whl B1/
"$CPPVENV" create -p "$python" --seed-from B1 --setuptools none b4
check_equal "a build tag sorts after none" "build 1" "$(marker_of b4)"

# Pre-releases: pip 99.0 and pip 100.0rc1 (and a 101.0.dev1).
wheel P/pip-99.0-py3-none-any.whl "final"
wheel P/pip-100.0rc1-py3-none-any.whl "candidate"
wheel P/pip-101.0.dev1-py3-none-any.whl "development"
"$CPPVENV" create -p "$python" --seed-from P --setuptools none p1
check_equal "by default a final release before newer pre-releases" "final" "$(marker_of p1)"
"$CPPVENV" create -p "$python" --seed-from P --upgrade-deps --setuptools none p2
check_equal "--upgrade-deps --seed-from: a final release before newer pre-releases" \
    "final" "$(marker_of p2)"
"$CPPVENV" create -p "$python" --seed-from P --pip 100.0rc1 --setuptools none p3
check_equal "--pip 100.0rc1 takes the pre-release asked for" "candidate" "$(marker_of p3)"
mkdir Q
cp P/pip-100.0rc1-py3-none-any.whl Q/
"$CPPVENV" create -p "$python" --seed-from Q --setuptools none p4
check_equal "a pre-release when the folder has nothing else" "candidate" "$(marker_of p4)"

# METADATA that disagrees with the file name.
wheel V/pip-99.0-py3-none-any.whl "lying version" pip 98.0
check_fails "a wheel whose METADATA says another version is refused" 1 \
    "V/pip-99.0-py3-none-any.whl: refusing a wheel whose METADATA does not say pip 99.0" \
    create -p "$python" --seed-from V --setuptools none m1
check "...and no venv is left" test ! -e m1
wheel N/pip-99.0-py3-none-any.whl "lying name" notpip
check_fails "a wheel whose METADATA names another project is refused" 1 \
    "N/pip-99.0-py3-none-any.whl: refusing a wheel whose METADATA does not say pip 99.0 .*Name: notpip" \
    create -p "$python" --seed-from N --setuptools none m2
wheel S/pip-99.0-py3-none-any.whl "same" PIP 99.0.0
check "a METADATA Name and Version equal after normalizing (PIP, 99.0.0) are accepted" \
    "$CPPVENV" create -p "$python" --seed-from S --setuptools none m3
check_equal "...and installed" "same" "$(marker_of m3)"
finish
