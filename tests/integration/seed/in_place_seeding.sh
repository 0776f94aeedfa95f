#!/usr/bin/env bash
# Seeding an existing venv in place (a refresh, --upgrade-deps --seed-from) with
# a wheel from a seed folder, which is untrusted: a wheel whose member does not
# match its RECORD is refused before anything changes (the older pip stays,
# whole and working, straight from the wheel, through the cache, in every link
# mode); a wheel that would replace a file it does not own (the venv's python,
# its activate script, another package's module) is refused as a fresh create
# refuses it, with nothing changed. Replacing the older pip's own files still
# works: over a venv made by `python -m venv` and over cppvenv's own.
. "$(dirname "$0")/../create/lib.sh"
require_interpreter "~/.pyenv/versions/3.12.*/bin/python3.12" "~/.pyenv/versions/3.1[1-9].*/bin/python3.1?" /usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
cd "$WORK" || exit 1
for variable in $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/\1/p'); do unset "$variable"; done
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_CONFIG_FILE=/dev/null

# The interpreter's own pip wheel: its ensurepip bundle, or Debian's.
source_pip=$("$python" -I -c 'import ensurepip, glob, os
print(next(iter(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "pip-*.whl"))), ""))')
[ -n "$source_pip" ] || source_pip=$(ls /usr/share/python-wheels/pip-*.whl 2>/dev/null | head -1)
[ -n "$source_pip" ] || skip_suite "no pip wheel for $python (ensurepip bundle or python3-pip-whl)"
make_wheel() { "$python" -I "$here/seed_wheels.py" "$@"; }
minor=$("$python" -c 'import sys; print(sys.version_info[1])')

# A venv's files with their hashes and link targets: what must not change.
snapshot() { # snapshot VENV
    (cd "$1" && find . ! -name '*.pyc' ! -name __pycache__ -printf '%y %p %l\n' | LC_ALL=C sort &&
        find . -type f ! -name '*.pyc' -exec sha256sum {} + | LC_ALL=C sort) | sha256sum
}
pip_dist_info() { (cd "$1"/lib/*/site-packages && ls -d pip-*.dist-info 2>/dev/null | tr '\n' ' '); }

# Folder T: pip 99.0 made from the interpreter's pip, with one member changed
# after RECORD was written (same size: only its hash can tell).
mkdir T
make_wheel reversion "$source_pip" 99.0 good-99.0.whl
make_wheel tamper good-99.0.whl T/pip-99.0-py3-none-any.whl

for way in "cache:" "no-cache:--no-cache" "hardlink:--link-mode hardlink" \
    "symlink:--link-mode symlink" "upgrade-deps:--upgrade-deps"; do
    name=${way%%:*}
    read -r -a options <<<"${way#*:}"
    "$CPPVENV" create -p "$python" "v-$name"
    before=$(snapshot "v-$name")
    old_pip=$(pip_dist_info "v-$name")
    check_fails "in place ($name): a pip wheel that fails its RECORD check is refused" 1 \
        "does not match its hash in RECORD" \
        create -p "$python" --seed-from T "${options[@]}" "v-$name"
    check_equal "...and the venv is exactly as before ($name)" "$before" "$(snapshot "v-$name")"
    check_equal "...its older pip still installed ($name)" "$old_pip" "$(pip_dist_info "v-$name")"
    check "...and working ($name)" sh -c "'v-$name/bin/python' -m pip --version >/dev/null"
done

# Wheels that would replace what they do not own: each refused in place as a
# fresh create refuses it, before anything changes.
"$python" - <<PYTHON
import base64, hashlib, zipfile
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
def wheel(folder, project, extra=(), entry_points=None):
    dist = "%s-99.0.dist-info" % project
    members = [("%s/__init__.py" % project, b"def main():\n    pass\n"),
               (dist + "/METADATA", b"Metadata-Version: 2.1\nName: %s\nVersion: 99.0\n" % project.encode()),
               (dist + "/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")]
    members += list(extra)
    if entry_points:
        members.append((dist + "/entry_points.txt", entry_points.encode()))
    record = "".join("%s,%s,%d\n" % (n, digest(d), len(d)) for n, d in members)
    members.append((dist + "/RECORD", (record + dist + "/RECORD,,\n").encode()))
    import os
    os.makedirs(folder, exist_ok=True)
    with zipfile.ZipFile("%s/%s-99.0-py3-none-any.whl" % (folder, project), "w") as out:
        for n, d in members:
            out.writestr(n, d)
wheel("E-python", "pip", entry_points="[console_scripts]\npip = pip:main\npython3 = pip:main\n")
wheel("E-activate", "pip", entry_points="[console_scripts]\npip = pip:main\nactivate = pip:main\n")
wheel("E-script", "pip", extra=[("pip-99.0.data/scripts/python3", b"#!python\nprint('owned')\n")])
wheel("E-other", "setuptools", extra=[("pip/__init__.py", b"print('owned')\n")])
PYTHON
for case in "python:bin/python3" "activate:bin/activate" "script:bin/python3" \
    "other:pip/__init__.py"; do
    kind=${case%%:*} path=${case#*:}
    options=(--seed-from "E-$kind")
    [ "$kind" != other ] || options+=(--pip bundle --setuptools 99.0)
    check_fails "a fresh create refuses the $kind wheel" 1 "$path" \
        create -p "$python" "${options[@]}" "fresh-$kind"
    "$CPPVENV" create -p "$python" "e-$kind"
    before=$(snapshot "e-$kind")
    check_fails "in place, the $kind wheel may not replace $path" 1 "$path" \
        create -p "$python" "${options[@]}" "e-$kind"
    check_equal "...and the venv is exactly as before ($kind)" "$before" "$(snapshot "e-$kind")"
    check "...its python still a link ($kind)" test -L "e-$kind/bin/python3"
    check "...and pip works ($kind)" sh -c "'e-$kind/bin/python' -m pip --version >/dev/null"
done

# Replacing the older pip's own files is what an upgrade does: over a venv made
# by `python -m venv` (ensurepip's RECORD) and over cppvenv's own, both ways.
"$python" -m venv stdlib-venv
mkdir G
cp good-99.0.whl G/pip-99.0-py3-none-any.whl
check "a venv made by python -m venv takes pip 99.0 in place" \
    "$CPPVENV" create -p "$python" --seed-from G stdlib-venv
check_equal "...which replaced its pip" "pip-99.0.dist-info " "$(pip_dist_info stdlib-venv)"
check "...and works" sh -c "stdlib-venv/bin/pip --version >/dev/null"
for options in "" "--no-cache" "--link-mode symlink"; do
    read -r -a extra <<<"$options"
    venv="own-${options:-cache}"
    venv=${venv// /}
    "$CPPVENV" create -p "$python" "$venv"
    check "cppvenv's venv takes pip 99.0 in place (${options:-cache})" \
        "$CPPVENV" create -p "$python" --seed-from G "${extra[@]}" "$venv"
    check "...which works (${options:-cache})" sh -c "'$venv/bin/pip3.$minor' --version >/dev/null &&
        ls -d '$venv'/lib/*/site-packages/pip-99.0.dist-info >/dev/null"
done
finish
