# Run by fish under test; the same inputs and results as roundtrip.sh.
function record
    printf '%s' $argv[2..-1] > $T_OUT/$argv[1]
end
function pythonhome_state
    if set -q PYTHONHOME
        printf 'set:%s' "$PYTHONHOME"
    else
        printf unset
    end
end
function fish_prompt
    printf 'OLD> '
end

record before_path (string join : $PATH)
record before_ps1 (fish_prompt)
record before_pythonhome (pythonhome_state)

source $T_VENV/bin/activate.fish

record venv $VIRTUAL_ENV
record venv_prompt $VIRTUAL_ENV_PROMPT
record path (string join : $PATH)
record python (command -v python)
record visible_prompt (fish_prompt | string collect)
record pythonhome (pythonhome_state)
if pydoc pydoc >/dev/null 2>&1
    record pydoc ok
else
    record pydoc failed
end

if test -n "$T_VENV2"
    source $T_VENV2/bin/activate.fish
    record venv2 $VIRTUAL_ENV
    record path2 (string join : $PATH)
end

deactivate

record after_path (string join : $PATH)
record after_ps1 (fish_prompt)
record after_pythonhome (pythonhome_state)
record after_venv (set -q VIRTUAL_ENV; and echo $VIRTUAL_ENV; or echo -n unset)(set -q VIRTUAL_ENV_PROMPT; and echo $VIRTUAL_ENV_PROMPT; or echo -n unset)
if deactivate 2>/dev/null
    record second_deactivate succeeded
else
    record second_deactivate failed
end
record finished yes
