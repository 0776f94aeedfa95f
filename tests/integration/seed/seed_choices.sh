#!/usr/bin/env bash
# Which wheels seed a venv: --seed-from folders (searched before the bundle, in
# the order given), --pip/--setuptools/--wheel VERSION|bundle|none, the one-line
# error for a version nobody has, --upgrade-deps with --seed-from offline (no pip
# run, the newest found installed), and the seed folder as untrusted ground: a
# wheel named like pip that installs something else, a tampered wheel, a planted
# name and a symlink out of the folder are refused or passed over.
# Seed folders are made from Debian's /usr/share/python-wheels and, where pyenv
# is installed, its interpreters' ensurepip/_bundled wheels.
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
here=$(cd "$(dirname "$0")" && pwd)
cd "$WORK" || exit 1
for variable in $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/\1/p'); do unset "$variable"; done
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_CONFIG_FILE=/dev/null

debian_wheel() { # debian_wheel PROJECT: its wheel in /usr/share/python-wheels, or nothing
    find_interpreter "/usr/share/python-wheels/$1-[0-9]*-py3-none-any.whl" \
        "/usr/share/python-wheels/$1-[0-9]*-py2.py3-none-any.whl" 2>/dev/null ||
        ls /usr/share/python-wheels/"$1"-[0-9]*-py*-none-any.whl 2>/dev/null | head -1
}
version_of() { basename "$1" | cut -d- -f2; } # version_of WHEEL
dist_infos() { # dist_infos VENV: its installed projects, "pip-24.2 setuptools-66.1.1"
    (cd "$1"/lib/*/site-packages && ls -d -- *.dist-info 2>/dev/null | sed 's/\.dist-info$//' |
        LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
}
make_wheel() { "$python" -I "$here/seed_wheels.py" "$@"; }

debian_pip=$(debian_wheel pip)
[ -n "$debian_pip" ] || skip_suite "no pip wheel in /usr/share/python-wheels (python3-pip-whl)"
debian_setuptools=$(debian_wheel setuptools)
debian_wheel_wheel=$(debian_wheel wheel)
pip_version=$(version_of "$debian_pip")
minor=$("$python" -c 'import sys; print(sys.version_info[1])')
bundled_pip=$("$python" -I -c 'import ensurepip; print(ensurepip.version())')

# Folder A: Debian's wheels. Folder B: pip at a version no bundle has, made from
# Debian's, plus whatever pyenv's interpreters bundle.
mkdir A B
cp "$debian_pip" A/
[ -z "$debian_setuptools" ] || cp "$debian_setuptools" A/
[ -z "$debian_wheel_wheel" ] || cp "$debian_wheel_wheel" A/
make_wheel reversion "$debian_pip" 99.1 B/pip-99.1-py3-none-any.whl
pyenv_wheels=$(ls ~/.pyenv/versions/3.*/lib/python3.*/ensurepip/_bundled/*-py3-none-any.whl 2>/dev/null)
if [ -n "$pyenv_wheels" ]; then
    for wheel in $pyenv_wheels; do # pyenv 3.13's pip 24.2 and the like: real wheels
        [ -e "B/$(basename "$wheel")" ] || cp "$wheel" B/
    done
else
    echo "note: no pyenv ensurepip/_bundled wheels here; folder B holds only the made pip 99.1"
fi

# --pip VERSION from a seed folder, checked with the venv's own pip (offline).
check "--seed-from A --pip $pip_version" "$CPPVENV" create -p "$python" --seed-from A \
    --pip "$pip_version" --setuptools none v1
check "...installs that pip: pip --version says $pip_version" \
    sh -c "v1/bin/pip --version | grep -q '^pip $pip_version from $WORK/v1/'"
check_equal "...and nothing else (--setuptools none)" "pip-$pip_version" "$(dist_infos v1)"
check "pyvenv.cfg's command repeats the choices" \
    grep -qF -- "--seed-from=\"$WORK/A\" --pip=$pip_version --setuptools=none" v1/pyvenv.cfg

check "--pip 99.1 is found in the second folder" \
    "$CPPVENV" create -p "$python" --seed-from A --seed-from B --pip 99.1 --setuptools none v2
check_equal "...and installed" "pip-99.1" "$(dist_infos v2)"
check "...a working pip" sh -c 'v2/bin/python -m pip --version >/dev/null'

# By default the first folder that has pip, its newest there; the order decides.
"$CPPVENV" create -p "$python" --seed-from B --seed-from A --setuptools none v3
check_equal "by default pip comes from the first folder that has it (B: 99.1 or newer)" \
    "pip-$(ls B/pip-*.whl | sed 's/.*pip-\([^-]*\)-.*/\1/' | sort -V | tail -1)" "$(dist_infos v3)"
"$CPPVENV" create -p "$python" --seed-from A --seed-from B --setuptools none v4
check_equal "...and from A when A comes first" "pip-$pip_version" "$(dist_infos v4)"

# --pip bundle ignores the folders; setuptools by default as ensurepip.
"$CPPVENV" create -p "$python" --seed-from B --pip bundle v5
if [ "$minor" -lt 12 ]; then
    listing=$(dist_infos v5)
    check "--pip bundle: the interpreter's pip $bundled_pip, and setuptools below 3.12 ($listing)" \
        test "${listing#"pip-$bundled_pip setuptools-"}" != "$listing"
else
    check_equal "--pip bundle: the interpreter's pip $bundled_pip and nothing else on 3.12+" \
        "pip-$bundled_pip" "$(dist_infos v5)"
fi

# --pip none with setuptools: a seed without pip.
if [ -n "$debian_setuptools" ]; then
    setuptools_version=$(version_of "$debian_setuptools")
    check "--pip none --setuptools $setuptools_version" "$CPPVENV" create -p "$python" \
        --seed-from A --pip none --setuptools "$setuptools_version" v6
    check_equal "...installs setuptools alone" "setuptools-$setuptools_version" "$(dist_infos v6)"
    check "...which imports" v6/bin/python -c 'import setuptools'
    check "...and no pip launcher" test ! -e v6/bin/pip
else
    echo "note: no setuptools wheel in /usr/share/python-wheels; --pip none --setuptools not checked"
fi

# --wheel VERSION (never seeded by default).
if [ -n "$debian_wheel_wheel" ]; then
    wheel_version=$(version_of "$debian_wheel_wheel")
    "$CPPVENV" create -p "$python" --seed-from A v7
    check "by default the wheel project is not seeded" sh -c '! ls -d v7/lib/*/site-packages/wheel-*.dist-info 2>/dev/null'
    check "--wheel $wheel_version" "$CPPVENV" create -p "$python" --seed-from A \
        --setuptools none --wheel "$wheel_version" v8
    check_equal "...installs it beside pip" "pip-$pip_version wheel-$wheel_version" "$(dist_infos v8)"
    check "...with its console script" sh -c "v8/bin/wheel version | grep -q '$wheel_version'"
else
    echo "note: no wheel wheel in /usr/share/python-wheels (python3-wheel-whl); --wheel not checked"
fi

# A version nobody has: one line, naming what was found.
check_fails "--pip 23.3 that no folder has" 1 \
    "^cppvenv: error: no pip 23.3 in --seed-from A or the interpreter's bundle (found: pip $pip_version in A, pip $bundled_pip bundled)\$" \
    create -p "$python" --seed-from A --pip 23.3 v9
check "...and nothing was created" test ! -e v9
check_fails "--pip nonsense is a usage error" 2 "--pip 'nonsense': expected a version (24.0), bundle or none" \
    create -p "$python" --pip nonsense v9
check_fails "a missing seed folder is named" 1 "--seed-from nowhere: no such folder" \
    create -p "$python" --seed-from nowhere v9
check_fails "--upgrade-deps with an exact pip contradicts itself" 2 \
    "--upgrade-deps installs the newest pip found; it contradicts --pip $pip_version" \
    create -p "$python" --seed-from A --pip "$pip_version" --upgrade-deps v9
check_fails "--without-pip with --pip is a usage error" 2 "--without-pip and --pip cannot be used together" \
    create -p "$python" --without-pip --pip bundle v9

# --upgrade-deps with --seed-from: the newest of folders and bundle, offline, no pip run.
newest=$(ls A/pip-*.whl B/pip-*.whl | sed 's/.*pip-\([^-]*\)-.*/\1/' | sort -V | tail -1)
offline=(timeout 300)
if unshare -n true 2>/dev/null; then
    offline=(timeout 300 unshare -n)
else
    echo "note: unshare -n is not available here; --upgrade-deps runs with the network up"
fi
check "--upgrade-deps --seed-from A --seed-from B, without a network" \
    "${offline[@]}" "$CPPVENV" create -p "$python" --seed-from A --seed-from B --upgrade-deps v10
check "...installs the newest pip found ($newest)" \
    sh -c "ls -d v10/lib/*/site-packages/pip-$newest.dist-info >/dev/null"
check "...that works offline" sh -c '"$@" v10/bin/python -m pip --version >/dev/null' - "${offline[@]}"
"$CPPVENV" create -p "$python" v11
check "an existing venv refreshed with --upgrade-deps --seed-from" \
    "${offline[@]}" "$CPPVENV" create -p "$python" --seed-from B --upgrade-deps v11
check "...gets the newest pip in place" sh -c "ls -d v11/lib/*/site-packages/pip-$newest.dist-info >/dev/null"
check_equal "...and keeps one pip" 1 "$(ls -d v11/lib/*/site-packages/pip-*.dist-info | wc -l)"

# A wheel whose Requires-Python excludes this Python is never chosen, and said so.
mkdir R
cp B/pip-*.whl R/
make_wheel reversion "$debian_pip" 100.0 R/pip-100.0-py3-none-any.whl ">=3.99"
"$CPPVENV" create -p "$python" --seed-from R --upgrade-deps --setuptools none v21
check_equal "--upgrade-deps passes over pip 100.0 (Requires-Python >=3.99)" "pip-$newest" "$(dist_infos v21)"
check_fails "--pip 100.0 says why it cannot be used" 1 \
    "pip 100.0 in R (requires Python >=3.99)" create -p "$python" --seed-from R --pip 100.0 v22

# The seed folder is untrusted ground.
mkdir P outside
make_wheel impostor "$debian_pip" P/pip-98.0-py3-none-any.whl
check_fails "a wheel named like pip that installs another project is refused" 1 \
    "P/pip-98.0-py3-none-any.whl: refusing a wheel that does not install pip 98.0 as its name says (it holds impostor-1.0.dist-info)" \
    create -p "$python" --seed-from P --pip 98.0 v12
check "...and no venv is left" test ! -e v12
rm P/pip-98.0-py3-none-any.whl
make_wheel tamper "$debian_pip" "P/pip-$pip_version-py3-none-any.whl"
check_fails "a tampered wheel (a member that does not match RECORD) is refused" 1 \
    "does not match its hash in RECORD" create -p "$python" --seed-from P v12
check "...and no venv is left" test ! -e v12
rm "P/pip-$pip_version-py3-none-any.whl"
cp "$debian_pip" 'P/pip-97$(touch planted)-py3-none-any.whl'
cp "$debian_pip" outside/pip-96.0-py3-none-any.whl
ln -s "$WORK/outside/pip-96.0-py3-none-any.whl" P/pip-96.0-py3-none-any.whl
ERR=$("$CPPVENV" -v create -p "$python" --seed-from P --setuptools none v13 2>&1 >/dev/null)
check "a malformed name and a symlink out of the folder are passed over: the bundled pip" \
    test -d "v13/lib/python3.$minor/site-packages/pip-$bundled_pip.dist-info"
check "...-v says why for the name" grep -qF "not a wheel's file name" <<<"$ERR"
check "...and for the symlink" grep -qF "pip-96.0-py3-none-any.whl: a symlink that leads out of the folder" <<<"$ERR"
check "...nothing ran" test ! -e planted
check_fails "...so asking for the symlinked version finds none" 1 \
    "no pip 96.0 in --seed-from P or the interpreter's bundle (found: pip $bundled_pip bundled)" \
    create -p "$python" --seed-from P --pip 96.0 v14

# Settings: CPPVENV_SEED_FROM (as PATH), CPPVENV_PIP; the user's config file;
# a project's cppvenv.toml may choose versions but never seed folders.
check "CPPVENV_SEED_FROM=A:B with CPPVENV_PIP=99.1" \
    env CPPVENV_SEED_FROM="A:$WORK/B" CPPVENV_PIP=99.1 CPPVENV_SETUPTOOLS=none "$CPPVENV" create -p "$python" v15
check_equal "...seeds pip 99.1 from B" "pip-99.1" "$(dist_infos v15)"
mkdir -p config/cppvenv project
printf 'seed-from = ["%s", "%s"]\nsetuptools = "none"\n' "$WORK/B" "$WORK/A" >config/cppvenv/config.toml
check "seed-from in the user's config.toml" "$CPPVENV" create -p "$python" v16
check_equal "...searches B first" "pip-$newest" "$(dist_infos v16)"
check "--seed-from on the command line replaces it" "$CPPVENV" create -p "$python" --seed-from A v17
check_equal "...so pip comes from A" "pip-$pip_version" "$(dist_infos v17)"
printf 'seed-from = "relative"\n' >config/cppvenv/config.toml
check_fails "a relative seed folder in config.toml is refused" 2 "seed-from must list absolute paths" \
    create -p "$python" v18
rm config/cppvenv/config.toml
printf 'seed-from = ["%s"]\n' "$WORK/P" >project/cppvenv.toml
(cd project && check_fails "a project's cppvenv.toml may not name seed folders" 2 \
    "seed-from may not be set by a project's cppvenv.toml" create -p "$python" v19)
printf 'pip = "none"\nsetuptools = "none"\n' >project/cppvenv.toml
(cd project && "$CPPVENV" create -p "$python" v20)
check "...but may choose pip = \"none\"" test ! -e project/v20/bin/pip
finish
