#!/usr/bin/env bash
# `create --relocatable`: after `mv`, launchers run the python beside them,
# activation finds the venv from the script's own location in every shell that
# can tell it, and pip installs into the moved venv (its new launchers then hold
# absolute paths again: pip's own, as with uv).
. "$(dirname "$0")/../create/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
python=$(find_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12") ||
    skip_suite "no Python here"
note_interpreter "$python"
cd "$WORK" || exit 1
base_path=/usr/local/bin:/usr/bin:/bin

check "create --relocatable with pip" "$CPPVENV" create --relocatable -p "$python" made
check_equal "pyvenv.cfg says relocatable = true" "true" "$(cfg_value made/pyvenv.cfg relocatable)"
check_equal "info shows it" "Relocatable           yes" "$("$CPPVENV" info made | grep '^ *Relocatable')"
check "command records --relocatable" grep -q -- '--relocatable' made/pyvenv.cfg
check_equal "pip's launcher is a /bin/sh trampoline" "#!/bin/sh" "$(head -n 1 made/bin/pip)"
check "the launcher names no absolute path" sh -c '! grep -q -- "$1" made/bin/pip' sh "$WORK"

# A space and a quote in the new path; not a $: pip's own launchers (distlib)
# put a path with a space in double quotes, where sh would expand it.
check "create --upgrade of the relocatable venv" "$CPPVENV" create --upgrade -p "$python" made
check_equal "...keeps relocatable = true" "true" "$(cfg_value made/pyvenv.cfg relocatable)"

mkdir -p "elsewhere/a b 'q"
moved="$WORK/elsewhere/a b 'q/moved"
mv made "$moved"
check "the venv works after mv" test -x "$moved/bin/python"
check_equal "check finds nothing wrong with the moved venv" "0" \
    "$("$CPPVENV" check "$moved" >/dev/null 2>&1; echo $?)"
cp -a "$moved" copied
check_equal "...nor with a copy of it beside the original" "0" \
    "$("$CPPVENV" check copied >/dev/null 2>&1; echo $?)"
check_equal "the copy's pip is its own" "yes" \
    "$(case $(copied/bin/pip --version) in *"$WORK/copied/lib/"*) echo yes ;; *) echo no ;; esac)"
version=$(env -i PATH="$base_path" "$moved/bin/pip" --version 2>&1)
check_equal "pip --version through the moved launcher names the new site-packages" \
    "yes" "$(case $version in *"$moved/lib/"*) echo yes ;; *) echo "no: $version" ;; esac)"
# Through a relative path and through a symlink to the launcher from elsewhere.
check "the launcher runs by a relative path" sh -c 'cd "$1/bin" && ./pip --version >/dev/null' sh "$moved"
ln -s "$moved/bin/pip" linked-pip
check "the launcher runs through a symlink elsewhere" sh -c './linked-pip --version >/dev/null'
# /bin/sh without realpath on PATH: the trampoline falls back to $0.
mkdir -p norealpath && for tool in dirname sh; do ln -s "$(command -v $tool)" norealpath/; done
check "the launcher runs where realpath is missing" \
    sh -c 'env -i PATH="$1" "$2/bin/pip" --version >/dev/null' sh "$WORK/norealpath" "$moved"

# pip installs a local wheel into the moved venv; its console script runs.
mkdir -p src-wheel/reloc_demo
cp "$here/../seed/demo_backend.py" src-wheel/
printf 'def main():\n    print("reloc_demo works")\n' >src-wheel/reloc_demo/__init__.py
wheel=$(cd src-wheel && "$python" -c 'import demo_backend; print(demo_backend.build_wheel(".."))')
check "pip install --no-index of a local wheel in the moved venv" \
    env -i PATH="$base_path" "$moved/bin/pip" install -q --no-index --no-cache-dir "$WORK/$wheel"
check_equal "its console script runs" "reloc_demo works" "$("$moved/bin/reloc_demo" 2>&1)"
check_equal "pip wrote it with an absolute path (pip's way, as with uv)" "yes" \
    "$(grep -qF "$moved/bin/python" "$moved/bin/reloc_demo" && echo yes)"

# Activation in each shell that is installed: VIRTUAL_ENV is the new path where
# the shell can tell its script's location; the others keep the path made at.
find_nu() {
    command -v nu 2>/dev/null && return 0
    local candidate
    for candidate in "${NUSHELL_SEARCH_DIR:-/nonexistent}"/nushell/node_modules/@nushell/*/bin/nu \
        "${NUSHELL_SEARCH_DIR:-/nonexistent}"/node_modules/@nushell/*/bin/nu; do
        if [ -x "$candidate" ]; then printf '%s\n' "$candidate"; return 0; fi
    done
    return 1
}
activated_in() { # activated_in SHELL: prints VIRTUAL_ENV and PATH's first entry after activation
    local shell=$1 dir="$WORK/shell-$1"
    mkdir -p "$dir"
    ln -sfn "$moved" "$dir/env"
    case $shell in
        bash | zsh | dash | mksh | ksh93)
            env -i PATH="$base_path" "$shell" -c '. "$1/bin/activate" && printf "%s\n" "$VIRTUAL_ENV" "${PATH%%:*}"' \
                sh "$moved" ;;
        busybox)
            env -i PATH="$base_path" busybox sh -c '. "$1/bin/activate" && printf "%s\n" "$VIRTUAL_ENV" "${PATH%%:*}"' \
                sh "$moved" ;;
        fish)
            env -i PATH="$base_path" fish --no-config -c 'source $argv[1]/bin/activate.fish; and printf "%s\n" $VIRTUAL_ENV $PATH[1]' \
                "$moved" ;;
        tcsh | csh)
            # Named through a plain link: a csh script line cannot quote every path.
            ln -sfn "$moved" "$dir/plain"
            printf 'set prompt = ""\nsource %s/plain/bin/activate.csh\nprintf "%%s\\n" "$VIRTUAL_ENV:q" "$path[1]:q"\n' \
                "$dir" >"$dir/t.csh"
            (cd "$dir" && env -i PATH="$base_path" "$shell" -f t.csh) ;;
        nu)
            printf 'overlay use env/bin/activate.nu\nprint $env.VIRTUAL_ENV\nprint ($env.PATH | first)\n' >"$dir/t.nu"
            (cd "$dir" && env -i HOME="$dir" PATH="$base_path" "$(find_nu)" --no-config-file t.nu) ;;
        xonsh)
            printf 'source %s\nprint($VIRTUAL_ENV)\nprint($PATH[0])\n' \
                "$(printf '%s' "$dir/env/bin/activate.xsh" | "$python" -c 'import sys; print(repr(sys.stdin.read()))')" >"$dir/t.xsh"
            (cd "$dir" && env -i HOME="$dir" PATH="$base_path" xonsh --no-rc t.xsh) ;;
    esac 2>"$dir/stderr"
}
made_at="$WORK/made"
for shell in bash zsh ksh93 fish nu xonsh dash mksh busybox tcsh csh; do
    case $shell in
        nu) find_nu >/dev/null || { echo "no nu: not checked"; continue; } ;;
        busybox) command -v busybox >/dev/null || { echo "no busybox: not checked"; continue; } ;;
        *) command -v "$shell" >/dev/null || { echo "no $shell: not checked"; continue; } ;;
    esac
    echo "exercised shell: $shell"
    case $shell in
        # These find the venv from their own location. nushell and xonsh see
        # the path through the link the script names (the same venv).
        bash | zsh | ksh93 | fish) wanted=$moved ;;
        nu | xonsh) wanted="$WORK/shell-$shell/env" ;;
        # These cannot tell where a sourced script is: the path it was made at.
        dash | mksh | busybox | tcsh | csh) wanted=$made_at ;;
    esac
    check_equal "$shell: VIRTUAL_ENV after activating the moved venv" \
        "$wanted"$'\n'"$wanted/bin" "$(activated_in "$shell")"
done
# Moved again, that launcher names a folder that is gone: move X X makes it
# relative like the others.
mv "$moved" again
check "cppvenv move X X after another mv" "$CPPVENV" move again again
check_equal "...pip's launcher names no folder now" "" "$(grep -F "$WORK" again/bin/reloc_demo)"
check_equal "...and runs" "reloc_demo works" "$(again/bin/reloc_demo 2>&1)"
check_equal "...the venv stays relocatable" "true" "$(cfg_value again/pyvenv.cfg relocatable)"
finish
