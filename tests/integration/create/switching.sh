#!/usr/bin/env bash
# What people type when they come from venv, virtualenv or uv: errors in one
# voice with the likely command, the flags they bring along, the default .venv
# and its prompt, and every form of -p.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK"

# --- errors: one line, lowercase, the command they likely meant, exit 2 ---
check_fails "a folder name where the command belongs suggests create" 2 \
    "^cppvenv: error: unknown command 'myenv'; did you mean: cppvenv create myenv$" myenv
check_fails "python's -m venv suggests create" 2 \
    "did you mean: cppvenv create x$" -m venv x
check_fails "uv's venv command suggests create" 2 \
    "^cppvenv: error: unknown command 'venv'; did you mean: cppvenv create --clear x$" venv --clear x
check_fails "a misspelt command is corrected" 2 \
    "^cppvenv: error: unknown command 'crate'; did you mean: cppvenv create x$" crate x
check_fails "a misspelt option is corrected" 2 \
    "^cppvenv: error: unknown option '--clera' for cppvenv create; did you mean: cppvenv create --clear x$" create --clera x
check_fails "a misspelt long option is corrected" 2 \
    "did you mean: cppvenv create --system-site-packages x$" create --sytem-site-packages x
check_fails "a create option before the command suggests create" 2 \
    "did you mean: cppvenv create -p 3.12 x$" -p 3.12 x
check_fails "a create option before the command is moved after it" 2 \
    "did you mean: cppvenv create -p 3.12 x$" -p 3.12 create x
check_fails "an unknown command far from any lists the commands" 2 \
    "^cppvenv: error: unknown command 'frobnicate'; the commands are create, info" frobnicate
check_fails "a value missing is named" 2 "^cppvenv: error: --prompt needs a value$" create x --prompt
check_fails "excluding options are named" 2 \
    "^cppvenv: error: --clear and --upgrade cannot be used together$" create --clear --upgrade x
check_fails "an extra argument is named" 2 "^cppvenv: error: unexpected argument b for cppvenv info" info a b
check_fails "a flag given a value is explained" 2 "^cppvenv: error: --clear is a flag" create --clear=maybe x
check_fails "a missing command of python is named" 2 "^cppvenv: error: cppvenv python needs a command: list$" python
check "no error line starts with a capital (CLI11's voice)" test -z "$(
    for words in "" "create --prompt" "info" "info a b" "list --depth 99" "completion tcsh" "-x" "create --nope"; do
        # shellcheck disable=SC2086
        "$CPPVENV" $words 2>&1 >/dev/null | grep '^cppvenv: error: [A-Z][a-z ]'
    done)"
"$CPPVENV" >out 2>err
check_equal "cppvenv alone is a usage error" 2 "$?"
check_equal "cppvenv alone prints the usage and one error line" \
    "usage: cppvenv [-v | -q] COMMAND [ARGS]...|commands: create, info, list, check, run, shell, remove, python, completion, config, move, cache|cppvenv: error: a command is required (try: cppvenv create .venv)" \
    "$(tr '\n' '|' <err | sed 's/|$//')"
check "cppvenv alone prints nothing on stdout" test ! -s out
check "no venv was made by any refused command line" test -z "$(find . -name pyvenv.cfg)"

# --- no ENV_DIR: .venv here, prompted with the project folder's name (uv's rule) ---
mkdir -p "my proj" && cd "my proj" || exit 1
check "create with no ENV_DIR succeeds" "$CPPVENV" create -p "$python" --without-pip
check "create with no ENV_DIR makes .venv here" test -f .venv/pyvenv.cfg
check_equal "pyvenv.cfg's prompt is the project folder's name" "'my proj'" "$(cfg_value .venv/pyvenv.cfg prompt)"
"$python" -m venv --without-pip --prompt "my proj" venv-reference
check_equal "the prompt line is the one venv writes for --prompt" \
    "$(grep '^prompt = ' venv-reference/pyvenv.cfg)" "$(grep '^prompt = ' .venv/pyvenv.cfg)"
check "bash's activate puts the project's name in PS1" sh -c \
    'env -i PATH=/usr/bin:/bin bash --norc -c ". .venv/bin/activate && printf %s \"\$PS1\"" | grep -qF "(my proj) "'
check_equal "bash's activate sets VIRTUAL_ENV_PROMPT to it" "my proj" \
    "$(env -i PATH=/usr/bin:/bin bash --norc -c '. .venv/bin/activate && printf %s "$VIRTUAL_ENV_PROMPT"')"
if command -v fish >/dev/null; then
    check_equal "fish's activate uses the same prompt" "my proj" \
        "$(env -i PATH=/usr/bin:/bin HOME="$WORK" fish --no-config -c 'source .venv/bin/activate.fish; printf %s "$VIRTUAL_ENV_PROMPT"')"
fi
check "info shows the project's name as the prompt" sh -c '"$1" info .venv | grep -q "my proj"' sh "$CPPVENV"
check "every activation script names the project, none (.venv)" test -z "$(grep -L 'my proj' .venv/bin/activate* .venv/bin/Activate.ps1)"
check "create --help says ENV_DIR defaults to .venv" sh -c '"$1" create --help | grep -q "Default: .venv"' sh "$CPPVENV"
check "--prompt still wins over the project's name" "$CPPVENV" create -p "$python" --without-pip --prompt other sub/.venv
check_equal "--prompt is written as given" "'other'" "$(cfg_value sub/.venv/pyvenv.cfg prompt)"
check "a venv with another name keeps venv's default" "$CPPVENV" create -p "$python" --without-pip plain
check_equal "a venv named plain writes no prompt key (as venv)" "" "$(cfg_value plain/pyvenv.cfg prompt)"
cd "$WORK" || exit 1

# --- flags people bring along from virtualenv and uv ---
for alias in --no-pip --no-seed; do
    check "virtualenv's $alias is accepted" "$CPPVENV" create -p "$python" "$alias" "alias$alias"
    check "virtualenv's $alias installs no pip" test ! -e "alias$alias/bin/pip"
    check "virtualenv's $alias still makes the venv" test -x "alias$alias/bin/python"
done
check_fails "--no-pip with --upgrade-deps is refused like --without-pip" 2 \
    "^cppvenv: error: --without-pip and --upgrade-deps cannot be used together$" create --no-pip --upgrade-deps x
check "virtualenv's --no-vcs-ignore is accepted" "$CPPVENV" create -p "$python" --without-pip --no-vcs-ignore novcs
check "--no-vcs-ignore writes no .gitignore" test ! -e novcs/.gitignore
check "without it the .gitignore is written" test -e alias--no-pip/.gitignore
check "virtualenv's --always-copy is accepted" "$CPPVENV" create -p "$python" --without-pip --always-copy copied
check "--always-copy copies the interpreter, as --copies" sh -c '[ ! -L copied/bin/python ] && [ -f copied/bin/python ]'
check "uv's --seed is accepted (pip is seeded anyway)" "$CPPVENV" create -p "$python" --seed seeded
check "--seed installs pip" test -x seeded/bin/pip
check_fails "--seed with --without-pip is refused" 2 "cannot be used together" create --seed --without-pip x
check "--activators bash,fish is accepted" "$CPPVENV" create -p "$python" --without-pip --activators bash,fish some
check_equal "--activators writes only those scripts" "activate activate.fish" \
    "$(cd some/bin && ls -d activate* Activate* 2>/dev/null | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
check "--activators python writes activate_this.py only" "$CPPVENV" create -p "$python" --without-pip --activators python onlypy
check_equal "--activators python: one script" "activate_this.py" "$(cd onlypy/bin && ls -d activate* Activate* 2>/dev/null)"
check_fails "an unknown activator lists the known ones" 2 \
    "^cppvenv: error: --activators: unknown activator 'tcsh'; the activators are bash, fish, cshell, nushell, xonsh, powershell, batch, python$" \
    create --activators bash,tcsh x
check_fails "a refused virtualenv flag says what to use" 2 \
    "^cppvenv: error: --app-data is not a cppvenv option: cppvenv keeps no app-data folder" create --app-data /tmp x
check_fails "virtualenv's --extra-search-dir points to --seed-from" 2 "use --seed-from" create --extra-search-dir /tmp x
check_fails "uv's --python-preference says to use -p" 2 "use -p/--python" create --python-preference only-system x
check "--python and --allow-existing are accepted as uv spells them" sh -c \
    'mkdir -p existing && touch existing/keep && "$1" create --python "$2" --without-pip --allow-existing existing' sh "$CPPVENV" "$python"
check "--allow-existing keeps what was there" test -e existing/keep
# Seeding setuptools: ensurepip seeds it below 3.12 (Debian's 3.11 from /usr/share/python-wheels).
setuptools_python=$(find_interpreter /usr/bin/python3 "~/.pyenv/versions/3.11.*/bin/python3.11") || setuptools_python=
if [ -n "$setuptools_python" ] && "$setuptools_python" -c 'import sys; sys.exit(sys.version_info >= (3, 12))'; then
    check "a venv of $setuptools_python gets setuptools by default" "$CPPVENV" create -p "$setuptools_python" withst
    check "setuptools is there by default" sh -c 'ls -d withst/lib/python3*/site-packages/setuptools >/dev/null'
    check "virtualenv's --no-setuptools is accepted" "$CPPVENV" create -p "$setuptools_python" --no-setuptools --no-wheel nost
    check "--no-setuptools installs no setuptools" sh -c '! ls -d nost/lib/python3*/site-packages/setuptools* 2>/dev/null'
    check "--no-setuptools still installs pip" test -x nost/bin/pip
    check "--no-setuptools: pip runs" nost/bin/python -m pip --version
else
    echo "SKIPPED CHECK: no Python below 3.12 to seed setuptools"
fi

# --- -p as uv and virtualenv take it; each form against the interpreters here ---
# What a venv is for: "CPython 3.12" from pyvenv.cfg and the venv's own python.
made_for() { # made_for VENV
    "$1/bin/python" -c 'import platform, sys; print(platform.python_implementation(), "%d.%d" % sys.version_info[:2], "t" if getattr(sys, "_is_gil_enabled", lambda: True)() is False else "")' | sed 's/ $//'
}
# The newest "X.Y" among the interpreters matching a Python predicate on sys.
newest_matching() { # newest_matching PYTHON_EXPRESSION
    for candidate in /usr/bin/python3 /usr/bin/pypy3 ~/.pyenv/versions/3.*/bin/python3.[0-9] \
        ~/.pyenv/versions/3.*/bin/python3.[0-9][0-9] ~/.pyenv/versions/3.*/bin/python3.[0-9][0-9]t; do
        [ -x "$candidate" ] || continue
        "$candidate" -c "import sys, platform; sys.exit(0 if ($1) else 1)" 2>/dev/null &&
            "$candidate" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])'
    done | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1 | cut -d. -f1,2
}
virtualenv_here=
if /usr/bin/python3 -m virtualenv --version >/dev/null 2>&1; then
    virtualenv_here=yes
    export VIRTUALENV_OVERRIDE_APP_DATA="$WORK/virtualenv-app-data"
else
    echo "SKIPPED CHECKS: Debian's virtualenv is missing (apt install python3-virtualenv): no comparison"
fi
# Debian's virtualenv given the same spec finds the same implementation and version.
compare_with_virtualenv() { # compare_with_virtualenv SPEC OURS_VENV
    [ -n "$virtualenv_here" ] || return 0
    local theirs="$WORK/virtualenv-$RANDOM"
    if ! /usr/bin/python3 -m virtualenv -q -p "$1" --no-seed "$theirs" >/dev/null 2>&1; then
        echo "SKIPPED CHECK: Debian's virtualenv $(/usr/bin/python3 -m virtualenv --version | cut -d' ' -f2) does not take -p '$1'"
        return 0
    fi
    check_equal "-p '$1' finds what virtualenv -p '$1' finds" "$(made_for "$theirs")" "$(made_for "$2")"
}
n=0
for form in ">=3.12" "~=3.11" ">=3.9,<3.12" "cpython3.12" "cpython3.11" "cpython" "pypy3.9" "pypy" "pypy3" "cpython@3.11" "cpython>=3.10" \
    3.11 3.12 python3.12; do
    n=$((n + 1))
    case $form in
    ">=3.12") wanted=$(newest_matching 'platform.python_implementation() == "CPython" and sys.version_info >= (3, 12)') ;;
    "~=3.11") wanted=$(newest_matching 'sys.version_info >= (3, 11) and sys.version_info < (4,)') ;;
    ">=3.9,<3.12") wanted=$(newest_matching 'sys.version_info >= (3, 9) and sys.version_info < (3, 12)') ;;
    "cpython>=3.10") wanted=$(newest_matching 'platform.python_implementation() == "CPython" and sys.version_info >= (3, 10)') ;;
    cpython3.12 | 3.12 | python3.12) wanted=$(newest_matching 'platform.python_implementation() == "CPython" and sys.version_info[:2] == (3, 12)') ;;
    cpython3.11 | cpython@3.11 | 3.11) wanted=$(newest_matching 'platform.python_implementation() == "CPython" and sys.version_info[:2] == (3, 11)') ;;
    cpython) wanted=any ;;
    pypy*) wanted=$(newest_matching 'platform.python_implementation() == "PyPy"') ;;
    esac
    if [ -z "$wanted" ]; then
        check_fails "-p '$form' with no match here lists what was found" 1 "no .*$form.* found\|no interpreter matches --python '$form': looked on PATH.*; found " \
            create --without-pip -p "$form" "form$n"
        continue
    fi
    check "-p '$form' is accepted" "$CPPVENV" create --without-pip -p "$form" "form$n"
    case $form in
    pypy*) check_equal "-p '$form' makes a PyPy venv" "PyPy $wanted" "$(made_for "form$n")" ;;
    cpython) check "-p cpython makes a CPython venv" sh -c '"$1/bin/python" -c "import platform, sys; sys.exit(platform.python_implementation() != \"CPython\")"' sh "form$n" ;;
    ">=3.9,<3.12" | "~=3.11") check_equal "-p '$form' takes the newest match" "$wanted" "$(made_for "form$n" | cut -d' ' -f2)" ;;
    *) check_equal "-p '$form' takes the newest CPython match" "CPython $wanted" "$(made_for "form$n")" ;;
    esac
    case $form in ">="* | "~="*) ;; *) compare_with_virtualenv "$form" "form$n" ;; esac
done
# uv and virtualenv take a free-threaded build only for a spec ending in t.
threaded=$(newest_matching 'sys.version_info >= (3, 13) and not getattr(sys, "_is_gil_enabled", lambda: True)()')
for form in 3.13t python3.13t; do
    if [ -z "$threaded" ]; then
        check_fails "-p $form finds no GIL build: it lists what was found" 1 \
            "no interpreter matches --python '$form': looked on PATH.*; found CPython" create --without-pip -p "$form" threaded
    else
        check "-p $form takes the free-threaded build" "$CPPVENV" create --without-pip -p "$form" "threaded-$form"
        check_equal "-p $form: a free-threaded venv" "CPython 3.13 t" "$(made_for "threaded-$form")"
    fi
done
check_fails "a malformed specifier is a usage error" 2 "^cppvenv: error: --python '>3.x': not a PEP 440 version specifier" \
    create -p ">3.x" bad
check_fails "an unmatched version lists the interpreters found" 1 "no Python 3.99 found: looked on PATH.*; found " create -p 3.99 bad
# A prefix folder: its bin/python3.
prefix=$(dirname "$(dirname "$python")")
check "-p a prefix folder uses its bin/python3" "$CPPVENV" create --without-pip -p "$prefix" from-prefix
check_equal "-p a prefix folder: the venv's home is its bin" "$prefix/bin" "$(cfg_value from-prefix/pyvenv.cfg home)"
mkdir -p "$WORK/no-python/bin"
check_fails "-p a folder with no python says so" 1 \
    "^cppvenv: error: no interpreter in the folder $WORK/no-python: looked for bin/python3, bin/python" create -p "$WORK/no-python" bad
check "nothing was made for a refused -p" test ! -e bad

# --- the README's table: every flag it calls refused is refused, saying what to use ---
readme="${CPPVENV_SOURCE_DIR:-$(dirname "$0")/../../..}/README.md"
refused=$(sed -n '/^## Coming from venv, virtualenv or uv/,/^## /p' "$readme" | grep '| refused' |
    cut -d'|' -f2 | grep -o -- '--[a-z-]*' | sort -u)
check "the README's table lists refused flags" test -n "$refused"
for flag in $refused; do
    check_fails "README: $flag is refused saying what to use" 2 "^cppvenv: error: $flag is not a cppvenv option: " create "$flag" x
done
accepted=$(sed -n '/^## Coming from venv, virtualenv or uv/,/^## /p' "$readme" | grep '^| `' | grep -v '| refused' |
    cut -d'|' -f2 | grep -o -- '--[a-z-]*' | sort -u)
for flag in $accepted; do
    case $flag in --prompt | --python | --activators | --relocatable) continue ;; esac # take a value, or another branch's
    check "README: $flag is an option of create" sh -c '"$1" create --help | grep -q -- "$2"' sh "$CPPVENV" "$flag"
done

finish
