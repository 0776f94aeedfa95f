# Activates this virtual environment in fish:   source path/to/venv/bin/activate.fish
# Leave it with `deactivate`.

# Puts back PATH, PYTHONHOME and the prompt exactly as they were, unset or set.
# `deactivate nondestructive` leaves a previously active environment and keeps
# this function defined.
function deactivate --description 'Leave the active Python virtual environment'
    if not set -q VIRTUAL_ENV; and not set -q _OLD_VIRTUAL_PATH
        if test "$argv[1]" != nondestructive
            echo 'deactivate: no virtual environment is active' >&2
            return 1
        end
        return 0
    end

    if set -q _OLD_VIRTUAL_PATH
        set -gx PATH $_OLD_VIRTUAL_PATH
        set -e _OLD_VIRTUAL_PATH
    end
    if set -q _OLD_VIRTUAL_PYTHONHOME
        set -gx PYTHONHOME $_OLD_VIRTUAL_PYTHONHOME
        set -e _OLD_VIRTUAL_PYTHONHOME
    end
    if set -q _VIRTUAL_ENV_FISH_PROMPT_SAVED
        set -e _VIRTUAL_ENV_FISH_PROMPT_SAVED
        functions -e fish_prompt
        if functions -q _virtual_env_saved_fish_prompt
            functions -c _virtual_env_saved_fish_prompt fish_prompt
            functions -e _virtual_env_saved_fish_prompt
        end
    end

    set -e VIRTUAL_ENV
    set -e VIRTUAL_ENV_PROMPT

    if test "$argv[1]" != nondestructive
        functions -e deactivate pydoc
    end
    return 0
end

# Leave any environment that is active now, so PATH never holds two of them.
deactivate nondestructive

set -gx VIRTUAL_ENV {{VENV_DIR}}
if test -n {{RELOCATABLE}}
    # Found from this script's own location.
    set -l script_dir (path dirname -- (status filename))
    and set -gx VIRTUAL_ENV (builtin realpath -s -- "$script_dir/..")
end
set -gx VIRTUAL_ENV_PROMPT {{PROMPT}}

set -g _OLD_VIRTUAL_PATH $PATH
set -gx PATH "$VIRTUAL_ENV/"{{BIN_NAME}} $PATH

if set -q PYTHONHOME
    set -g _OLD_VIRTUAL_PYTHONHOME $PYTHONHOME
    set -e PYTHONHOME
end

if test -z "$VIRTUAL_ENV_DISABLE_PROMPT"
    set -g _VIRTUAL_ENV_FISH_PROMPT_SAVED 1
    if functions -q fish_prompt
        functions -c fish_prompt _virtual_env_saved_fish_prompt
        functions -e fish_prompt
    end
    function fish_prompt
        # Keep the status of the last command for the original prompt.
        set -l last_status $status
        printf '(%s) ' $VIRTUAL_ENV_PROMPT
        if functions -q _virtual_env_saved_fish_prompt
            echo "exit $last_status" | source
            _virtual_env_saved_fish_prompt
        end
    end
end

function pydoc --description 'Run pydoc with the virtual environment\'s Python'
    python -m pydoc $argv
end
