#!/usr/bin/env bash
# Defaults from CPPVENV_* variables, the project's cppvenv.toml and the user's
# config.toml: precedence, malformed values, untrusted project files, and
# `config show`.
. "$(dirname "$0")/../create/lib.sh"
require_any_python
export XDG_CONFIG_HOME="$WORK/config"
mkdir -p "$XDG_CONFIG_HOME/cppvenv" "$WORK/project/sub"
user_file="$XDG_CONFIG_HOME/cppvenv/config.toml"
project_file="$WORK/project/cppvenv.toml"
cd "$WORK/project/sub" || exit 1

prompt_of() { cfg_value "$1/pyvenv.cfg" prompt; } # quoted, as venv writes it
setting() { # setting KEY FIELD: a field of KEY in `config show --json`
    "$CPPVENV" config show --json | /usr/bin/python3 -I -c "import json, sys
print([s for s in json.load(sys.stdin)['settings'] if s['key'] == sys.argv[1]][0][sys.argv[2]])" "$1" "$2"
}

# Precedence: command line, environment, project file, user file, default.
printf 'prompt = "from user"\n' >"$user_file"
check "a user config.toml sets the prompt" "$CPPVENV" create --without-pip -p "$python" e1
check_equal "...to its value" "'from user'" "$(prompt_of e1)"
printf '# a project\n\nprompt = "from project"\n' >"$project_file"
check "a project cppvenv.toml in a parent folder beats the user's" "$CPPVENV" create --without-pip -p "$python" e2
check_equal "...with its value" "'from project'" "$(prompt_of e2)"
check "CPPVENV_PROMPT beats both" env CPPVENV_PROMPT='from $(env) `x`' "$CPPVENV" create --without-pip -p "$python" e3
check_equal "...with its value, as it is" "'from \$(env) \`x\`'" "$(prompt_of e3)"
check "--prompt beats CPPVENV_PROMPT" env CPPVENV_PROMPT=env "$CPPVENV" create --without-pip -p "$python" --prompt cli e4
check_equal "...with its value" "'cli'" "$(prompt_of e4)"
check_equal "config show names the project file's line" "$project_file:3" "$(setting prompt origin)"
check_equal "config show names the variable" "CPPVENV_PROMPT" "$(CPPVENV_PROMPT=x setting prompt origin)"
check_equal "an empty variable counts as unset" "project-file" "$(CPPVENV_PROMPT= setting prompt source)"
check_equal "config show gives the default for what nothing sets" "default" "$(setting without-pip source)"
check "config show's text names each setting's source" \
    sh -c "'$CPPVENV' config show | grep -qxF 'prompt = \"from project\"  # from $project_file:3'"

# -v says where each non-default setting came from.
ERR=$(CPPVENV_PROMPT=x CPPVENV_WITHOUT_PIP=on "$CPPVENV" -v create -p "$python" e5 2>&1 >/dev/null)
check "-v create names CPPVENV_PROMPT" grep -qxF 'cppvenv: prompt = "x" (from CPPVENV_PROMPT)' <<<"$ERR"
check "-v create names CPPVENV_WITHOUT_PIP" grep -qxF 'cppvenv: without-pip = true (from CPPVENV_WITHOUT_PIP)' <<<"$ERR"
check "CPPVENV_WITHOUT_PIP=on leaves pip out" test ! -e e5/bin/pip
check "-v create names a command-line setting too" \
    sh -c "'$CPPVENV' -v create --without-pip -p '$python' e6 2>&1 | grep -qxF 'cppvenv: without-pip = true (from the command line)'"

# Booleans in every spelling, malformed values named.
for word in 1 true TRUE yes On; do
    check_equal "CPPVENV_WITHOUT_PIP=$word is true" True "$(CPPVENV_WITHOUT_PIP=$word setting without-pip value)"
done
for word in 0 false No OFF; do
    check_equal "CPPVENV_WITHOUT_PIP=$word is false" False "$(CPPVENV_WITHOUT_PIP=$word setting without-pip value)"
done
export CPPVENV_WITHOUT_PIP=maybe
check_fails "a malformed boolean names the variable" 2 "CPPVENV_WITHOUT_PIP='maybe' is not a boolean" create -p "$python" e7
unset CPPVENV_WITHOUT_PIP
export CPPVENV_COLOR=sometimes
check_fails "a malformed choice names the variable, for every command" 2 "CPPVENV_COLOR='sometimes' is not one of auto|always|never" list .
unset CPPVENV_COLOR
export CPPVENV_COPIES=1 CPPVENV_SYMLINKS=1
check_fails "copies and symlinks from the same source are an error" 2 "copies (from CPPVENV_COPIES) and symlinks (from CPPVENV_SYMLINKS) exclude each other" create -p "$python" e8
unset CPPVENV_SYMLINKS
check "CPPVENV_COPIES=1 copies the interpreter" "$CPPVENV" create --without-pip -p "$python" e9
check "...so bin/python is no symlink" test ! -L e9/bin/python
check "--symlinks beats CPPVENV_COPIES" "$CPPVENV" create --without-pip --symlinks -p "$python" e10
check "...so bin/python is a symlink" test -L e10/bin/python
unset CPPVENV_COPIES
check "CPPVENV_UPGRADE_DEPS from the environment yields to --without-pip" \
    env CPPVENV_UPGRADE_DEPS=1 "$CPPVENV" create --without-pip -p "$python" e11

# Global settings.
check "CPPVENV_CACHE_DIR moves the facts cache" env CPPVENV_CACHE_DIR="$WORK/facts" "$CPPVENV" create --without-pip -p "$python" e12
check "...which is written there" test -d "$WORK/facts/interpreters"
ERR=$(CPPVENV_COLOR=always "$CPPVENV" remove nowhere 2>&1)
check "CPPVENV_COLOR=always colours the error off a terminal" grep -q $'\e\\[' <<<"$ERR"
ERR=$(CPPVENV_COLOR=never "$CPPVENV" remove nowhere 2>&1)
check "CPPVENV_COLOR=never does not" sh -c "! printf '%s' \"\$1\" | grep -q \$'\\e'" - "$ERR"
ERR=$(CPPVENV_QUIET=1 "$CPPVENV" -v create --without-pip -p "$python" e13 2>&1)
check "-v on the command line beats CPPVENV_QUIET" grep -q "^cppvenv: using " <<<"$ERR"
ERR=$(CPPVENV_VERBOSE=yes "$CPPVENV" create --without-pip -p "$python" e14 2>&1)
check "CPPVENV_VERBOSE=yes explains each step" grep -q "^cppvenv: using " <<<"$ERR"

# Config files: errors name the file and line; project files are untrusted.
printf 'prompt = "p"\npyhton = "3.12"\n' >"$project_file"
check_fails "an unknown key names the file and its line" 2 "$project_file:2: unknown key 'pyhton'" create -p "$python" e15
printf '[create]\nprompt = "p"\n' >"$project_file"
check_fails "a table is an unknown key" 2 "$project_file:1: unknown key 'create'" create -p "$python" e15
printf 'without-pip = "yes"\n' >"$project_file"
check_fails "a wrong type names the line" 2 "$project_file:1: without-pip must be true or false, not a string" create -p "$python" e15
printf 'prompt = "unclosed\n' >"$project_file"
check_fails "a TOML syntax error names the line" 2 "$project_file:1: " list .
printf 'python = "%s"\n' "$python" >"$project_file"
check_fails "a project file may not name an interpreter by path" 2 "$project_file:1: python in a project's cppvenv.toml must be a version or a command name" create e15
check "...and nothing was created" test ! -e e15
printf 'cache-dir = "/tmp"\n' >"$project_file"
check_fails "a project file may not move the cache" 2 "$project_file:1: cache-dir may not be set by a project's cppvenv.toml" list .
printf 'allow-existing = true\n' >"$project_file"
check_fails "a project file may not allow writing into existing folders" 2 "allow-existing may not be set" list .
printf 'python = "%s"\nallow-existing = true\n' "$python" >"$project_file"
mv "$project_file" "$user_file"
check "the user's config.toml may name an interpreter by path" "$CPPVENV" create --without-pip e16
check_equal "...which is used" "$(readlink -f "$python")" "$(readlink -f e16/bin/python)"
printf 'cache-dir = "relative"\n' >"$user_file"
check_fails "cache-dir must be absolute" 2 "$user_file:1: cache-dir must be an absolute path" list .
finish
