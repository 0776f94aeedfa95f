#!/usr/bin/env bash
# A default `cppvenv create` seeds pip (and setuptools where ensurepip would) from
# the bundled wheels, and the result behaves like `python -m venv`'s: same
# projects, same launchers, same files; pip installs wheels and source trees,
# uninstalls itself without leaving a file, and works at hostile paths.
# Usage: seed.sh INTERPRETER-GLOB
. "$(dirname "$0")/../create/lib.sh"
require_interpreter "$1"
here=$(cd "$(dirname "$0")" && pwd)
cd "$WORK" || exit 1
# pip reads no configuration but ours (a machine may set PIP_FIND_LINKS and such).
for variable in $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/\1/p'); do unset "$variable"; done
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_CONFIG_FILE=/dev/null
export PIP_RETRIES=0 PIP_DEFAULT_TIMEOUT=3

site_packages() { # site_packages VENV: its purelib folder
    "$1/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

# The files a tree holds, without bytecode, one per line.
files_without_bytecode() {
    (cd "$1" && find . -mindepth 1 | grep -v -e '__pycache__' -e '\.pyc$' | LC_ALL=C sort)
}

# What a folder holds. pip 22 (3.7) and PyPy's pip remove an emptied
# site-packages itself, as they do in python -m venv's venv: none is empty.
entries_below() {
    if [ -d "$1" ]; then (cd "$1" && find . -mindepth 1 | LC_ALL=C sort); fi
}

seeded_launchers() { # the bin entries that pip and setuptools put there
    (cd "$1/bin" && find . -maxdepth 1 \( -name 'pip*' -o -name 'easy_install*' \) | LC_ALL=C sort)
}

# The reference: the interpreter's own venv with pip (a few seconds).
if ! "$python" -m venv theirs >venv.log 2>&1; then
    echo "python -m venv failed for $python:"
    cat venv.log
    exit 1
fi

"$CPPVENV" create -p "$python" ours
check "a default create succeeds and writes pyvenv.cfg" test -f ours/pyvenv.cfg
check "a default create writes no bytecode" test -z "$(cd ours && find . -name '*.pyc' | head -1)"
ours_site=$(site_packages "$WORK/ours")
theirs_site=$(site_packages "$WORK/theirs")

version_line=$(ours/bin/pip --version)
check "bin/pip --version names the venv's site-packages ($version_line)" \
    grep -q -F "from $ours_site/pip " <<<"$version_line"
check_equal "pip list shows what python -m venv's venv shows" \
    "$(theirs/bin/python -m pip list --format=freeze 2>&1)" \
    "$(ours/bin/python -m pip list --format=freeze 2>&1)"
check_equal "the same pip and easy_install launchers as python -m venv" \
    "$(seeded_launchers theirs)" "$(seeded_launchers ours)"
for launcher in $(seeded_launchers ours | sed 's|^\./||'); do
    check_equal "bin/$launcher has the same text as venv's, but for the path" \
        "$(sed "s|$WORK/theirs|ENV|" "theirs/bin/$launcher")" \
        "$(sed "s|$WORK/ours|ENV|" "ours/bin/$launcher")"
    check "bin/$launcher is executable" test -x "ours/bin/$launcher"
done
check_equal "site-packages holds the same files as python -m venv's (bytecode aside)" \
    "$(files_without_bytecode "$theirs_site")" "$(files_without_bytecode "$ours_site")"
for record in "$ours_site"/*.dist-info/RECORD; do
    relative=${record#"$ours_site"/}
    check_equal "$relative lists what venv's lists (bytecode and launcher hashes aside)" \
        "$(grep -v -e '\.pyc,' -e '^\.\./\.\./\.\./bin/' "$theirs_site/$relative" | tr -d '\r' | LC_ALL=C sort)" \
        "$(grep -v -e '^\.\./\.\./\.\./bin/' "$record" | tr -d '\r' | LC_ALL=C sort)"
done
check "pip check finds nothing broken" ours/bin/python -m pip check
missing=$(ours/bin/python -m pip show -f pip | awk -v site="$ours_site" '
    /^Files:/ { listing = 1; next }
    listing && NF { path = site "/" $1; if (system("test -e \"" path "\"") != 0) print $1 }')
check_equal "every file pip show -f pip lists exists" "" "$missing"

# Installing with the seeded pip: a wheel and a source tree built here, offline.
for kind in wheel tree; do
    mkdir -p "src-$kind/demo_$kind"
    cp "$here/demo_backend.py" "src-$kind/"
    printf 'def main():\n    print("demo_%s works")\n' "$kind" >"src-$kind/demo_$kind/__init__.py"
    printf '[build-system]\nrequires = []\nbuild-backend = "demo_backend"\nbackend-path = ["."]\n' \
        >"src-$kind/pyproject.toml"
done
wheel=$(cd src-wheel && "$python" -c 'import demo_backend; print(demo_backend.build_wheel(".."))')
check "pip install --no-index of a wheel works" \
    ours/bin/pip install -q --no-index "$WORK/$wheel"
check_equal "the wheel's console script runs" "demo_wheel works" "$(ours/bin/demo_wheel 2>&1)"
check "pip install --no-index of a source tree works" \
    ours/bin/pip install -q --no-index "$WORK/src-tree"
check_equal "the source tree's console script runs" "demo_tree works" "$(ours/bin/demo_tree 2>&1)"

# pip uninstalls what the seed installed, down to the last file.
"$CPPVENV" create --without-pip -p "$python" bare
bare_site=$(site_packages "$WORK/bare")
projects=$(ours/bin/python -m pip list --format=freeze | sed -n 's/^\(pip\|setuptools\)==.*/\1/p')
"$CPPVENV" create -p "$python" gone
check "pip uninstall -y $(echo $projects) succeeds" \
    gone/bin/python -m pip uninstall -q -y $projects
gone_site=$(site_packages "$WORK/gone")
check_equal "after uninstalling, site-packages is as before seeding" \
    "$(entries_below "$bare_site")" "$(entries_below "$gone_site")"
check_equal "after uninstalling, bin is as before seeding" \
    "$(ls bare/bin)" "$(ls gone/bin)"

# --compile-bytecode: .pyc files written by the venv's own python, and pip
# still uninstalls cleanly.
"$CPPVENV" create --compile-bytecode -p "$python" compiled
compiled_site=$(site_packages "$WORK/compiled")
check "--compile-bytecode writes pip's .pyc files" \
    test -n "$(find "$compiled_site/pip" -name '*.pyc' | head -1)"
check "pip uninstall after --compile-bytecode succeeds" \
    compiled/bin/python -m pip uninstall -q -y $projects
check_equal "after --compile-bytecode and uninstalling, site-packages is as before seeding" \
    "$(entries_below "$bare_site")" "$(entries_below "$compiled_site")"

# --upgrade-deps runs the venv's pip; offline, pip finds nothing newer (or fails
# with its own error): either way the venv stays usable.
"$CPPVENV" create --upgrade-deps -p "$python" upgraded >upgrade.log 2>&1
check "after --upgrade-deps the venv's pip works ($(tail -1 upgrade.log))" \
    upgraded/bin/pip --version

# Paths the kernel cannot put on a #! line: launchers go through /bin/sh.
long="$WORK/$(printf 'long%.0s' $(seq 1 30))/venv"
for venv in "$WORK/with space/and 'quote'/venv" "$long"; do
    "$CPPVENV" create -p "$python" "$venv"
    check "pip --version works at a path of ${#venv} bytes: $venv" "$venv/bin/pip" --version
    check "pip3 installs the wheel at $venv" "$venv/bin/pip3" install -q --no-index "$WORK/$wheel"
    check_equal "the installed console script runs at $venv" "demo_wheel works" \
        "$("$venv/bin/demo_wheel" 2>&1)"
    check "bin/pip starts with a /bin/sh trampoline at $venv" \
        test "$(head -1 "$venv/bin/pip")" = '#!/bin/sh'
done
finish
