#!/usr/bin/env bash
# `create --upgrade` after the base interpreter was replaced in place, as a
# package upgrade does: an installation made here (a copy of one build's binary
# beside a link to its standard library) gets another build of the same minor
# version, and --upgrade makes the venvs use the new one.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

# What tells two builds apart: version, ABI flags, build date.
build_of() { "$1" -c 'import platform, sys; print(platform.python_version(), sys.abiflags or "-", " ".join(platform.python_build()[1].split()))'; }
version_of() { "$1" -c 'import platform; print(platform.python_version())'; }

# Two builds of one minor version (binaries, not links): a newer patch version
# where the machine has one (Debian's 3.11 to pyenv's), else another build of
# the same version (Debian's debug build).
builds=()
declare -A build minor version
for candidate in ~/.pyenv/versions/3.*/bin/python3.* /usr/bin/python3.*; do
    [[ ${candidate##*/} =~ ^python3\.[0-9]+d?$ ]] && [ -x "$candidate" ] && [ ! -L "$candidate" ] || continue
    builds+=("$candidate")
    build[$candidate]=$(build_of "$candidate") version[$candidate]=$(version_of "$candidate")
    minor[$candidate]=${version[$candidate]%.*}
done
old="" new=""
for a in "${builds[@]}"; do
    for b in "${builds[@]}"; do
        [ "${minor[$a]}" = "${minor[$b]}" ] && [ "${build[$a]}" != "${build[$b]}" ] || continue
        if [ "${version[$a]}" != "${version[$b]}" ] &&
            [ "$(printf '%s\n' "${version[$a]}" "${version[$b]}" | sort -V | head -1)" = "${version[$a]}" ]; then
            old=$a new=$b
            break 2
        fi
        [ -n "$old" ] || old=$a new=$b
    done
done
if [ -z "$old" ]; then
    skip_suite "no two builds of one minor version here (looked at: ${builds[*]:-nothing})"
fi
note_interpreter "$old"
note_interpreter "$new"
minor=${minor[$old]}
old_build=${build[$old]} new_build=${build[$new]}
old_version=${version[$old]} new_version=${version[$new]}
echo "upgrading $old ($old_build) to $new ($new_build)"

install() { # install PYTHON: it becomes installed/bin/pythonX.Y, replaced as a package would
    local stdlib
    stdlib=$("$1" -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')
    mkdir -p installed/bin installed/lib
    cp "$1" installed/bin/.new-python && mv -f installed/bin/.new-python "installed/bin/python$minor"
    ln -sfn "python$minor" installed/bin/python3
    ln -sfn "$stdlib" "installed/lib/.new-stdlib" && mv -T -f installed/lib/.new-stdlib "installed/lib/python$minor"
}
base=$WORK/installed/bin/python$minor

install "$old"
check_equal "the copied installation runs the old build" "$old_build" "$(build_of "$base")"
"$CPPVENV" create --without-pip -p "$base" links
"$CPPVENV" create --without-pip --copies -p "$base" copies
site=$(links/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo 'VALUE = 1' >"$site/kept.py"
check_equal "before the upgrade, pyvenv.cfg has the old version" "$old_version" "$(cfg_value links/pyvenv.cfg version)"

install "$new"
check_equal "the installation now runs the new build" "$new_build" "$(build_of "$base")"
check "before --upgrade, the --copies venv still has the old binary" cmp -s "$old" "copies/bin/python$minor"
if [ "$old_version" != "$new_version" ]; then
    # A full check: --fast only looks at files and never starts the base.
    "$CPPVENV" check links >check.txt 2>&1
    check_equal "before --upgrade, check finds the venv out of date" 1 "$?"
    check "before --upgrade, check names the new version" grep -q "is now $new_version" check.txt
fi

"$CPPVENV" create --without-pip --upgrade -p "$base" links
"$CPPVENV" create --without-pip --upgrade --copies -p "$base" copies
for venv in links copies; do
    check_equal "$venv: after --upgrade, the venv's python is the new build" "$new_build" "$(build_of "$venv/bin/python")"
    check_equal "$venv: after --upgrade, pyvenv.cfg has the new version" "$new_version" "$(cfg_value "$venv/pyvenv.cfg" version)"
    check "$venv: after --upgrade, cppvenv check finds it healthy" "$CPPVENV" -q check "$venv"
done
check "after --upgrade, the --copies venv has the new binary" cmp -s "$new" "copies/bin/python$minor"
check "after --upgrade, the --copies venv's python3 is the new binary" cmp -s "$new" "copies/bin/python3"
check "--upgrade keeps what was installed in site-packages" links/bin/python -c 'import kept'
finish
