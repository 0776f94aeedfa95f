# Run by csh and tcsh under test (`csh -f roundtrip.csh`); the same inputs and
# results as roundtrip.sh. The prompt is compared as stored: it is only shown
# interactively.
set prompt = 'OLD> '

printf '%s' "$PATH:q" > "$T_OUT/before_path"
printf 'set:%s' "$prompt:q" > "$T_OUT/before_ps1"
if ($?PYTHONHOME) then
    printf 'set:%s' "$PYTHONHOME:q" > "$T_OUT/before_pythonhome"
else
    printf unset > "$T_OUT/before_pythonhome"
endif

source "$T_VENV:q/bin/activate.csh"

printf '%s' "$VIRTUAL_ENV:q" > "$T_OUT/venv"
printf '%s' "$VIRTUAL_ENV_PROMPT:q" > "$T_OUT/venv_prompt"
printf '%s' "$PATH:q" > "$T_OUT/path"
printf '%s' "`which python`" > "$T_OUT/python"
printf '%s' "$prompt:q" > "$T_OUT/visible_prompt"
if ($?PYTHONHOME) then
    printf 'set:%s' "$PYTHONHOME:q" > "$T_OUT/pythonhome"
else
    printf unset > "$T_OUT/pythonhome"
endif
pydoc pydoc >& /dev/null && printf ok > "$T_OUT/pydoc"

if ("$T_VENV2:q" != "") then
    source "$T_VENV2:q/bin/activate.csh"
    printf '%s' "$VIRTUAL_ENV:q" > "$T_OUT/venv2"
    printf '%s' "$PATH:q" > "$T_OUT/path2"
endif

deactivate

printf '%s' "$PATH:q" > "$T_OUT/after_path"
if ($?prompt) then
    printf 'set:%s' "$prompt:q" > "$T_OUT/after_ps1"
else
    printf unset > "$T_OUT/after_ps1"
endif
if ($?PYTHONHOME) then
    printf 'set:%s' "$PYTHONHOME:q" > "$T_OUT/after_pythonhome"
else
    printf unset > "$T_OUT/after_pythonhome"
endif
printf '%s%s' $?VIRTUAL_ENV $?VIRTUAL_ENV_PROMPT > "$T_OUT/after_venv"
# A second deactivate would fail (and end this script): the alias is gone.
set _deactivate_left = `alias deactivate | wc -c`
if ($_deactivate_left == 0) then
    printf failed > "$T_OUT/second_deactivate"
else
    printf succeeded > "$T_OUT/second_deactivate"
endif
printf yes > "$T_OUT/finished"
