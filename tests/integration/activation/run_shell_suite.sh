#!/usr/bin/env bash
# Activation scripts in one real shell:   run_shell_suite.sh SHELL
# SHELL is bash, dash, zsh, mksh, busybox, fish, tcsh, csh, nu or xonsh. Exits 77
# (ctest: Skipped) when that shell is not installed. Needs CPPVENV (the binary
# under test); NUSHELL_SEARCH_DIR is searched for npm's `nu`.
#
# Every case creates real venvs with `cppvenv create --without-pip`, runs
# the shell's roundtrip script with a PATH this suite controls (pyenv-virtualenv
# puts its own `activate`/`deactivate` on the usual PATH), and compares each
# recorded value byte for byte. A failing run keeps its folder and says where.
set -u

shell_name=${1:?usage: run_shell_suite.sh SHELL}
here=$(cd "$(dirname "$0")" && pwd)
: "${CPPVENV:?set CPPVENV to the cppvenv binary under test}"
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
export XDG_CACHE_HOME

find_nu() {
    command -v nu 2>/dev/null && return 0
    local candidate
    for candidate in "${NUSHELL_SEARCH_DIR:-}"/nushell/node_modules/@nushell/*/bin/nu \
        "${NUSHELL_SEARCH_DIR:-}"/node_modules/@nushell/*/bin/nu; do
        if [ -x "$candidate" ]; then printf '%s\n' "$candidate"; return 0; fi
    done
    return 1
}

case $shell_name in
    bash | dash | zsh | mksh) shell_family=posix shell_command=("$(command -v "$shell_name")") ;;
    busybox) shell_family=posix shell_command=("$(command -v busybox)" sh) ;;
    fish) shell_family=fish shell_command=("$(command -v fish)" --no-config) ;;
    tcsh | csh) shell_family=csh shell_command=("$(command -v "$shell_name")" -f) ;;
    nu) shell_family=nu shell_command=("$(find_nu)" --no-config-file) ;;
    xonsh) shell_family=xonsh shell_command=("$(command -v xonsh)" --no-rc) ;;
    *) echo "unknown shell: $shell_name" >&2; exit 2 ;;
esac
if [ -z "${shell_command[0]}" ]; then
    echo "SKIPPED: $shell_name is not installed"
    exit 77
fi
echo "exercised shell: $shell_name (${shell_command[0]})"
echo "exercised interpreter: $python"

work=$(mktemp -d "${TMPDIR:-/tmp}/cppvenv-activation-$shell_name.XXXXXX")
XDG_CACHE_HOME=$work/cache
failures=0
cleanup() {
    if [ "$failures" -eq 0 ]; then
        rm -rf "$work"
    else
        echo "kept the failing run's files in $work" >&2
    fi
}
trap cleanup EXIT

# Only system folders: no pyenv shims, no stray activate/deactivate.
base_path=/usr/local/bin:/usr/bin:/bin

fail() {
    echo "FAIL [$shell_name] $*" >&2
    failures=$((failures + 1))
}

# make_venv DIR PROMPT: a real venv made by the cppvenv under test, so the
# scripts are exactly what users get.
make_venv() {
    "$CPPVENV" create --without-pip -p "$python" --prompt "$2" "$1"
}

# What a program started from nushell gets as PYTHONHOME (activation shadows it
# with null, which nushell does not pass on).
nu_pythonhome_state='def pythonhome_state [] { let found = (^env | lines | where {|line| $line | str starts-with "PYTHONHOME=" }); if ($found | is-empty) { "unset" } else { $"set:($found.0 | str substring 11..)" } }'

# write_nu_script FILE WITH_SECOND: nushell's `overlay use` takes a constant path,
# so the script names symlinks (first, second) beside it.
write_nu_script() {
    local file=$1 with_second=$2
    {
        echo 'def record [name: string, text: string] { $text | save --force ($env.T_OUT | path join $name) }'
        echo "$nu_pythonhome_state"
        echo '$env.PROMPT_COMMAND = {|| "OLD> " }'
        echo 'record before_path ($env.PATH | str join (char esep))'
        echo 'record before_ps1 (do $env.PROMPT_COMMAND)'
        echo 'record before_pythonhome (pythonhome_state)'
        echo 'overlay use first/bin/activate.nu'
        echo 'record venv $env.VIRTUAL_ENV'
        echo 'record venv_prompt $env.VIRTUAL_ENV_PROMPT'
        echo 'record path ($env.PATH | str join (char esep))'
        echo 'record python (which python | get path.0)'
        echo 'record visible_prompt (do $env.PROMPT_COMMAND)'
        echo 'record pythonhome (pythonhome_state)'
        echo 'record pydoc (if (do { pydoc pydoc } | complete | get exit_code) == 0 { "ok" } else { "failed" })'
        if [ "$with_second" = yes ]; then
            echo 'overlay use second/bin/activate.nu'
            echo 'record venv2 $env.VIRTUAL_ENV'
            echo 'record path2 ($env.PATH | str join (char esep))'
        fi
        echo 'deactivate'
        echo 'record after_path ($env.PATH | str join (char esep))'
        echo 'record after_ps1 (do $env.PROMPT_COMMAND)'
        echo 'record after_pythonhome (pythonhome_state)'
        echo 'record after_venv $"($env.VIRTUAL_ENV? | default unset)($env.VIRTUAL_ENV_PROMPT? | default unset)"'
        # A second deactivate fails when the overlay is no longer active.
        echo 'record second_deactivate (if (overlay list | where {|o| $o.name == "activate" and $o.active } | is-empty) { "failed" } else { "succeeded" })'
        echo 'record finished yes'
    } > "$file"
}

# run_case NAME VENV PROMPT [VAR=VALUE...]: activates VENV (and T_VENV2 from the
# variables, if given), then checks every recorded value.
run_case() {
    local case_name=$1 venv=$2 prompt=$3
    shift 3
    local case_dir="$work/$case_name"
    local out="$case_dir/out"
    mkdir -p "$out"
    local -a variables=("$@")
    local second="" disable_prompt="" ps1_unset="" pythonhome_before="unset" variable
    for variable in "${variables[@]}"; do
        case $variable in
            T_VENV2=*) second=${variable#T_VENV2=} ;;
            VIRTUAL_ENV_DISABLE_PROMPT=*) disable_prompt=${variable#*=} ;;
            PYTHONHOME=*) pythonhome_before="set:${variable#PYTHONHOME=}" ;;
            T_PS1_UNSET=1) ps1_unset=yes ;;
        esac
    done

    local -a run
    case $shell_family in
        posix) run=("${shell_command[@]}" "$here/roundtrip.sh") ;;
        fish) run=("${shell_command[@]}" "$here/roundtrip.fish") ;;
        csh) run=("${shell_command[@]}" "$here/roundtrip.csh") ;;
        xonsh) run=("${shell_command[@]}" "$here/roundtrip.xsh") ;;
        nu)
            ln -s "$venv" "$case_dir/first"
            if [ -n "$second" ]; then ln -s "$second" "$case_dir/second"; fi
            write_nu_script "$case_dir/roundtrip.nu" "$([ -n "$second" ] && echo yes || echo no)"
            run=("${shell_command[@]}" "$case_dir/roundtrip.nu")
            ;;
    esac
    (cd "$case_dir" && env -i HOME="$case_dir" PATH="$base_path" LANG=C.UTF-8 \
        T_VENV="$venv" T_OUT="$out" T_VENV2="" "${variables[@]}" "${run[@]}") \
        > "$case_dir/stdout" 2> "$case_dir/stderr"
    local status=$?

    if [ -n "$(find "$work" -name PWNED -print -quit)" ]; then
        fail "$case_name: a value ran as code (a PWNED file exists)"
    fi
    if [ "$(cat "$out/finished" 2>/dev/null)" != yes ]; then
        fail "$case_name: the script stopped early (status $status): $(head -c 600 "$case_dir/stderr")"
        return
    fi

    local shown_prompt=$prompt old_prompt="OLD> "
    if [ -n "$ps1_unset" ]; then old_prompt=""; fi
    local expected_visible="($shown_prompt) $old_prompt"
    if [ -n "$disable_prompt" ]; then expected_visible=$old_prompt; fi
    local unset_pair=unsetunset
    [ "$shell_family" = csh ] && unset_pair=00

    expect() {
        local name=$1 wanted=$2 got
        got=$(cat "$out/$name" 2>/dev/null; printf x)
        got=${got%x}
        if [ "$got" != "$wanted" ]; then
            fail "$case_name: $name is $(printf '%q' "$got"), expected $(printf '%q' "$wanted")"
        fi
    }
    expect venv "$venv"
    expect venv_prompt "$prompt"
    expect path "$venv/bin:$base_path"
    expect python "$venv/bin/python"
    # The prompt's text as the script recorded it. busybox, tcsh and csh read
    # escapes in it, so their text holds the prefix escaped: what they draw is
    # checked by prompt_in_pty.py instead.
    case $shell_name in
        busybox | tcsh | csh) ;;
        *) expect visible_prompt "$expected_visible" ;;
    esac
    expect pythonhome unset
    expect pydoc ok
    if [ -n "$second" ]; then
        expect venv2 "$second"
        expect path2 "$second/bin:$base_path"
    fi
    expect after_path "$(cat "$out/before_path")"
    expect after_ps1 "$(cat "$out/before_ps1")"
    expect before_pythonhome "$pythonhome_before"
    expect after_pythonhome "$pythonhome_before"
    expect after_venv "$unset_pair"
    expect second_deactivate failed
    if [ "$shell_family" = posix ]; then
        expect ps1_exported ""
    fi
}

hostile_name='sp ace '\''q"d`bt$(touch PWNED)${HOME}v$HOME;&|!%\*é🐍 \'\'';echo X;#'
hostile_prompt='p '\''q"d`bt$(touch PWNED) ${HOME};&|!x %d %~ \u \w {RED} (ls) é🐍 \'

plain="$work/venvs/plain"
hostile="$work/venvs/$hostile_name"
other="$work/venvs/other one"
make_venv "$plain" plain || fail "cannot create the plain venv"
make_venv "$hostile" "$hostile_prompt" || fail "cannot create the hostile venv"
make_venv "$other" "other" || fail "cannot create the second venv"

run_case plain "$plain" plain
run_case hostile "$hostile" "$hostile_prompt" PYTHONHOME=
run_case pythonhome_and_switch "$plain" plain PYTHONHOME=/usr T_VENV2="$hostile"
run_case prompt_disabled "$hostile" "$hostile_prompt" VIRTUAL_ENV_DISABLE_PROMPT=1

if [ "$shell_family" = posix ]; then
    run_case strict_mode "$hostile" "$hostile_prompt" T_STRICT=1 T_VENV2="$other"
    run_case ps1_unset "$plain" plain T_PS1_UNSET=1 T_STRICT=1
    # Run instead of sourced: a hint, a failure status, nothing changed.
    hint=$(cd "$work" && env -i PATH="$base_path" "${shell_command[@]}" "$plain/bin/activate" 2>&1)
    status=$?
    if [ "$status" -eq 0 ] || [[ $hint != *"must be sourced"* ]]; then
        fail "running bin/activate directly: status $status, output $(printf '%q' "$hint")"
    fi
fi

if [ "$shell_family" = nu ]; then
    # PYTHONHOME set by the session itself (not inherited), in a script: nushell's
    # hide-env in the overlay used to remove it for good.
    mkdir -p "$work/nu_session_pythonhome" && ln -s "$plain" "$work/nu_session_pythonhome/first"
    printf '%s\n' "$nu_pythonhome_state" "\$env.PYTHONHOME = '/usr'" 'overlay use first/bin/activate.nu' \
        'print -n (pythonhome_state)' 'deactivate' 'print $" (pythonhome_state)"' \
        > "$work/nu_session_pythonhome/t.nu"
    got=$(cd "$work/nu_session_pythonhome" && env -i HOME="$work" PATH="$base_path" \
        "${shell_command[@]}" t.nu 2>&1)
    if [ "$got" != "unset set:/usr" ]; then
        fail "nu: PYTHONHOME set in the session: active, then after deactivate: $(printf '%q' "$got"), expected 'unset set:/usr'"
    fi
fi

if [ "$failures" -ne 0 ]; then
    echo "$shell_name: $failures failure(s)" >&2
    exit 1
fi
echo "$shell_name: all activation checks passed"
