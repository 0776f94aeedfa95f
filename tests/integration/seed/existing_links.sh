#!/usr/bin/env bash
# Refreshing an existing venv in place never deletes or writes outside it,
# whatever symlinks its tree or an old RECORD holds.
. "$(dirname "$0")/../create/lib.sh"
require_interpreter /usr/bin/python3 "~/.pyenv/versions/3.12.*/bin/python3.12"
cd "$WORK"
site_of() { ls -d "$1"/lib/python3*/site-packages; }
# Its RECORD keeps pip's own rows: an install in place may replace only what
# the older install owns.
make_pip_older() { # make_pip_older VENV RECORD-LINE...: pip's dist-info becomes 0.1's
    local site dist
    site=$(site_of "$1")
    dist=$(ls -d "$site"/pip-*.dist-info)
    shift
    mv "$dist" "$site/pip-0.1.dist-info"
    printf '%s\n' "$@" >>"$site/pip-0.1.dist-info/RECORD"
}

# 1. A RECORD row reached through a symlinked folder inside the venv.
"$CPPVENV" create -p "$python" v1
mkdir -p victim && echo precious >victim/important.txt
ln -s "$WORK/victim" "$(site_of v1)/data"
make_pip_older v1 "data/important.txt,," "pip/__init__.py,,"
"$CPPVENV" create -p "$python" v1 2>err
check "a refresh does not delete a file outside the venv that an old RECORD reaches through a link" \
    test -f victim/important.txt
check "the refresh installed pip again ($(cat err))" v1/bin/python -c 'import pip'

# 2. A package folder of the venv that is a symlink to another project.
"$CPPVENV" create -p "$python" v2
mkdir -p other_project/pkg && echo theirs >other_project/pkg/__init__.py
site=$(site_of v2)
rm -rf "$site/pip"
ln -s "$WORK/other_project/pkg" "$site/pip"
make_pip_older v2 "pip/__init__.py,,"
"$CPPVENV" create -p "$python" v2 2>err
check_equal "a refresh never writes pip's files through a symlinked folder" theirs \
    "$(cat other_project/pkg/__init__.py)"
check "the refusal names the linked folder ($(cat err))" grep -q "site-packages/pip is not a folder" err

# 3. A RECORD that climbs out with '..' or names an absolute path.
"$CPPVENV" create -p "$python" v3
echo precious >victim/abs.txt
make_pip_older v3 "../../../../victim/important.txt,," "$WORK/victim/abs.txt,," "pip/__init__.py,,"
"$CPPVENV" create -p "$python" v3
check "RECORD rows with '..' or an absolute path delete nothing outside" \
    test -f victim/important.txt -a -f victim/abs.txt
finish
