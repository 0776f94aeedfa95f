#!/usr/bin/env bash
# What happens to what is already at ENV_DIR: venvs are refreshed or, with
# --clear, replaced; nothing else is ever deleted.
. "$(dirname "$0")/lib.sh"
require_any_python
cd "$WORK"
site=lib/python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')/site-packages

"$CPPVENV" create --without-pip -p "$python" env
echo 'VALUE = 1' >"env/$site/mine.py"
"$CPPVENV" create --without-pip -p "$python" env
check "refresh keeps a file placed in site-packages" test -f "env/$site/mine.py"
check "refresh leaves a working venv" env/bin/python -c 'import mine'

inode_before=$(stat -c %i env)
"$CPPVENV" create --without-pip --clear -p "$python" env
check "--clear removes what was installed" test ! -e "env/$site/mine.py"
check "--clear leaves a working venv" env/bin/python -c 'import sys; assert sys.prefix != sys.base_prefix'
check "--clear replaced the folder whole" test "$(stat -c %i env)" != "$inode_before"
check "--clear leaves no folder beside it" test -z "$(ls -A | grep cppvenv-staging)"

mkdir project && echo 'important' >project/notes.txt
check_fails "a non-empty folder that is not a venv is refused" 1 "--allow-existing" create --without-pip -p "$python" project
check_fails "--clear never deletes a folder that is not a venv" 1 "not a venv" create --without-pip --clear -p "$python" project
check "the user's file survives" grep -q important project/notes.txt
check "no .gitignore was written into the user's folder" test ! -e project/.gitignore
"$CPPVENV" create --without-pip --allow-existing -p "$python" project
check "--allow-existing writes a venv beside the user's files" test -f project/pyvenv.cfg -a -f project/notes.txt

mkdir empty
"$CPPVENV" create --without-pip -p "$python" empty
check "an empty folder is used" test -f empty/pyvenv.cfg

mkdir -p here && cd here
"$CPPVENV" create --without-pip -p "$python" .
check "creating into the empty current folder works" test -f pyvenv.cfg
check_fails "--clear refuses the current folder" 1 "refusing to clear" create --without-pip --clear -p "$python" .
check_fails "--clear refuses a parent of the current folder" 1 "refusing to clear" create --without-pip --clear -p "$python" ..
cd "$WORK"
root_before=$(ls -A -i /)
check_fails "--clear refuses /" 1 "refusing to clear" create --without-pip --clear -p "$python" /
check_equal "--clear / leaves every entry of / in place (names and inodes)" "$root_before" "$(ls -A -i /)"

"$CPPVENV" create --without-pip -p "$python" --prompt . prompted
check_equal "--prompt . is the current folder's name" "'$(basename "$WORK")'" "$(cfg_value prompted/pyvenv.cfg prompt)"

"$CPPVENV" create --without-pip -p "$python" many1 many2 "with space"
check "several ENV_DIRs in one call" test -f many1/pyvenv.cfg -a -f many2/pyvenv.cfg -a -f "with space/pyvenv.cfg"

"$CPPVENV" create --without-pip -p "$python" nested/deeper/env
check "missing parents are made" test -f nested/deeper/env/pyvenv.cfg

echo 'VALUE = 2' >"env/$site/mine.py"
"$CPPVENV" create --without-pip --upgrade -p "$python" env
check "--upgrade of an unchanged interpreter keeps site-packages" env/bin/python -c 'import mine; assert mine.VALUE == 2'

# Stale staging folders of killed runs: kill_and_race.sh and hidden_folders.sh.
finish
