#!/usr/bin/env bash
# `cppvenv completion bash|zsh|fish`: scripts that the shells load and that
# complete subcommands, options and folders.
. "$(dirname "$0")/../create/lib.sh"
cd "$WORK" || exit 1
mkdir -p "env one" env2
touch env-file
"$CPPVENV" completion bash >cppvenv.bash
"$CPPVENV" completion zsh >_cppvenv
"$CPPVENV" completion fish >cppvenv.fish
echo "exercised shell: bash (completion)"
check "bash: the script parses" bash -n cppvenv.bash

complete_bash() { # complete_bash WORD...: what bash would offer for the last word
    bash -c '. ./cppvenv.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cppvenv; printf "%s\n" "${COMPREPLY[@]}"' bash "$@" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
check_equal "bash: subcommands" "cache check completion config create" "$(complete_bash cppvenv c)"
check_equal "bash: an alias" "remove rm run" "$(complete_bash cppvenv r)"
check_equal "bash: nested subcommand" "list" "$(complete_bash cppvenv python l)"
check_equal "bash: options of create" "--without-pip --without-scm-ignore-files" "$(complete_bash cppvenv create --wi)"
check_equal "bash: global options after a subcommand" "--verbose" "$(complete_bash cppvenv check --verb)"
check_equal "bash: folders for ENV_DIR, spaces kept" "env one env2" "$(complete_bash cppvenv -q info env)"
check_equal "bash: the value of -p is not a subcommand" "env one env-file env2" "$(complete_bash cppvenv create -p env)"
check "bash: run completes a command after the venv" grep -qw bash <<<"$(complete_bash cppvenv run env2 bas)"
check_equal "bash: run completes the venv first" "env one env2" "$(complete_bash cppvenv run env)"
check_equal "bash: shells for completion" "bash" "$(complete_bash cppvenv completion ba)"
# Option values: the choices, folders only, names in a comma list, nothing for
# free text (the files that every value used to be offered).
check_equal "bash: --link-mode's modes" "clone copy hardlink symlink" "$(complete_bash cppvenv create --link-mode '')"
check_equal "bash: --color's choices" "always auto" "$(complete_bash cppvenv --color a)"
check_equal "bash: --color after a subcommand" "never" "$(complete_bash cppvenv info --color n)"
check_equal "bash: --pip's words" "bundle" "$(complete_bash cppvenv create --pip b)"
check_equal "bash: --seed-from: folders, no files" "env one env2" "$(complete_bash cppvenv create --seed-from env)"
check_equal "bash: --activators: the first name" "bash batch" "$(complete_bash cppvenv create --activators ba)"
check_equal "bash: --activators: a name after a comma" "bash,fish" "$(complete_bash cppvenv create --activators bash,fi)"
check_equal "bash: --prompt: nothing to offer" "" "$(complete_bash cppvenv create --prompt env)"
check_equal "bash: --depth: nothing to offer" "" "$(complete_bash cppvenv list --depth '')"
check_equal "bash: after a value, ENV_DIR again" "env one env2" "$(complete_bash cppvenv create --link-mode copy env)"
# bash splits --color=al into three words: --color, = and al.
check_equal "bash: --color=al" "always" "$(complete_bash cppvenv --color = al)"
check_equal "bash: --link-mode=" "clone copy hardlink symlink" "$(complete_bash cppvenv create --link-mode =)"
check "bash: a value after = is not run's venv" grep -qw bash <<<"$(complete_bash cppvenv --color = never run env2 bas)"
check_equal "bash: --activators: names not yet listed" "bash,batch" "$(complete_bash cppvenv create --activators bash,ba)"
check_equal "bash: no options after --" "" "$(complete_bash cppvenv create -- --li)"
check_equal "bash: after --, a word like an option takes no value" "env one env2" "$(complete_bash cppvenv create -- --link-mode env)"
check_equal "bash: run's command's own options are not cppvenv's" "env one env-file env2" \
    "$(complete_bash cppvenv run env2 git --prompt env)"

if command -v zsh >/dev/null; then
    echo "exercised shell: zsh (completion)"
    check "zsh: the script parses" zsh -n _cppvenv
    check "zsh: starts with #compdef" grep -q '^#compdef cppvenv$' _cppvenv
    complete_zsh() { # complete_zsh LINE: what zsh offers at its end, through compinit
        timeout 30 zsh -f "$(dirname "$0")/zsh_complete.zsh" "$WORK" "$1" | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//'
    }
    check_equal "zsh: subcommands" "cache check completion config create" "$(complete_zsh 'cppvenv c')"
    check_equal "zsh: an alias" "remove rm run" "$(complete_zsh 'cppvenv r')"
    check_equal "zsh: nested subcommand" "list" "$(complete_zsh 'cppvenv python ')"
    check_equal "zsh: options" "--fast" "$(complete_zsh 'cppvenv check --fa')"
    check_equal "zsh: global options after a subcommand" "--verbose" "$(complete_zsh 'cppvenv list --verb')"
    check_equal "zsh: folders for ENV_DIR" 'env2 env\ one' "$(complete_zsh 'cppvenv info env')"
    check_equal "zsh: shells for completion" "bash fish zsh" "$(complete_zsh 'cppvenv completion ')"
    check "zsh: run completes a command after the venv" grep -qw bash <<<"$(complete_zsh 'cppvenv run env2 bas')"
    check_equal "zsh: run completes the venv first" 'env2 env\ one' "$(complete_zsh 'cppvenv run env')"
    check_equal "zsh: --link-mode's modes" "clone copy hardlink symlink" "$(complete_zsh 'cppvenv create --link-mode ')"
    check_equal "zsh: --color's choices" "always auto" "$(complete_zsh 'cppvenv --color a')"
    check_equal "zsh: --pip's words" "bundle" "$(complete_zsh 'cppvenv create --pip b')"
    check_equal "zsh: --seed-from: folders, no files" 'env2 env\ one' "$(complete_zsh 'cppvenv create --seed-from env')"
    check_equal "zsh: --activators: a name after a comma" "fish" "$(complete_zsh 'cppvenv create --activators bash,fi')"
    check_equal "zsh: --prompt: nothing to offer" "" "$(complete_zsh 'cppvenv create --prompt env')"
    check_equal "zsh: --color=a" "always auto" "$(complete_zsh 'cppvenv --color=a')"
    check_equal "zsh: --link-mode=" "clone copy hardlink symlink" "$(complete_zsh 'cppvenv create --link-mode=')"
    check "zsh: --seed-from may be given again" grep -qw -- --seed-from <<<"$(complete_zsh 'cppvenv create --seed-from env2 --se')"
    # After --, every word is ENV_DIR: no options, and no option's values.
    check_equal "zsh: no options after --" "" "$(complete_zsh 'cppvenv create -- --li')"
    check_equal "zsh: after --, a word like an option takes no value" 'env2 env\ one' "$(complete_zsh 'cppvenv create -- --link-mode env')"
else
    echo "SKIPPED CHECK: zsh completion: zsh is not installed"
fi
if command -v fish >/dev/null; then
    echo "exercised shell: fish (completion)"
    check "fish: the script parses" fish --no-execute cppvenv.fish
    complete_fish() {
        fish --no-config -c "source ./cppvenv.fish; complete -C'$1'" | cut -f1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
    }
    check_equal "fish: subcommands" "cache check completion config create" "$(complete_fish 'cppvenv c')"
    check_equal "fish: nested subcommand" "list" "$(complete_fish 'cppvenv python ')"
    check_equal "fish: options" "--fast" "$(complete_fish 'cppvenv check --fa')"
    check_equal "fish: folders for ENV_DIR" "env one/ env2/" "$(complete_fish 'cppvenv info env')"
    check_equal "fish: run completes the venv first" "env one/ env2/" "$(complete_fish 'cppvenv run env')"
    check "fish: run completes a command after the venv" grep -qw bash <<<"$(complete_fish 'cppvenv run env2 bas')"
    check_equal "fish: --link-mode's modes" "clone copy hardlink symlink" "$(complete_fish 'cppvenv create --link-mode ')"
    check_equal "fish: --color's choices" "always auto" "$(complete_fish 'cppvenv --color a')"
    check_equal "fish: --pip's words" "bundle" "$(complete_fish 'cppvenv create --pip b')"
    check_equal "fish: --seed-from: folders, no files" "env one/ env2/" "$(complete_fish 'cppvenv create --seed-from env')"
    check_equal "fish: --activators: a name after a comma" "bash,fish" "$(complete_fish 'cppvenv create --activators bash,fi')"
    check_equal "fish: --prompt: nothing to offer" "" "$(complete_fish 'cppvenv create --prompt env')"
    check_equal "fish: --activators: names not yet listed" "bash,batch" "$(complete_fish 'cppvenv create --activators bash,ba')"
    check_equal "fish: --color=a" "--color=always --color=auto" "$(complete_fish 'cppvenv --color=a')"
    check_equal "fish: no options after --" "" "$(complete_fish 'cppvenv create -- --li')"
    check_equal "fish: after --, a word like an option takes no value" "env one/ env2/" "$(complete_fish 'cppvenv create -- --link-mode env')"
else
    echo "SKIPPED CHECK: fish completion: fish is not installed"
fi
check_fails "an unknown shell is a usage error" 2 "tcsh" completion tcsh
finish
