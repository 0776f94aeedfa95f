# Activates this virtual environment in csh or tcsh:   source path/to/venv/bin/activate.csh
# Leave it with `deactivate`.

# An alias is one line in csh. Each step checks its saved variable with `test`,
# because csh expands every variable on a line before any `if` on it runs.
alias deactivate 'if ($?VIRTUAL_ENV == 0 && $?_OLD_VIRTUAL_PATH == 0 && "\!:*" != "nondestructive") echo "deactivate: no virtual environment is active"; test $?_OLD_VIRTUAL_PATH = 0 || setenv PATH "$_OLD_VIRTUAL_PATH:q"; unset _OLD_VIRTUAL_PATH; test $?_OLD_VIRTUAL_PYTHONHOME = 0 || setenv PYTHONHOME "$_OLD_VIRTUAL_PYTHONHOME:q"; unset _OLD_VIRTUAL_PYTHONHOME; test $?_OLD_VIRTUAL_PROMPT = 0 || set prompt = "$_OLD_VIRTUAL_PROMPT:q"; unset _OLD_VIRTUAL_PROMPT; test $?_OLD_VIRTUAL_PROMPT_UNSET = 0 || unset prompt; unset _OLD_VIRTUAL_PROMPT_UNSET; unsetenv VIRTUAL_ENV; unsetenv VIRTUAL_ENV_PROMPT; rehash; test "\!:*" = "nondestructive" || unalias deactivate pydoc'

# Leave any environment that is active now, so PATH never holds two of them.
deactivate nondestructive

setenv VIRTUAL_ENV {{VENV_DIR}}
setenv VIRTUAL_ENV_PROMPT {{PROMPT}}

set _OLD_VIRTUAL_PATH = "$PATH:q"
setenv PATH "$VIRTUAL_ENV:q/"{{BIN_NAME}}":$PATH:q"

if ($?PYTHONHOME) then
    set _OLD_VIRTUAL_PYTHONHOME = "$PYTHONHOME:q"
    unsetenv PYTHONHOME
endif

# The prefix has each prompt escape made literal: tcsh reads \, ^, ! and %;
# BSD csh only ! (the event number), which \! shows as itself.
if ("$?VIRTUAL_ENV_DISABLE_PROMPT" == 0) then
    if ($?prompt) then
        set _OLD_VIRTUAL_PROMPT = "$prompt:q"
    else
        set _OLD_VIRTUAL_PROMPT_UNSET = 1
        set prompt = ''
    endif
    if ($?tcsh) then
        set prompt = {{PROMPT_PREFIX_TCSH}}"$prompt:q"
    else
        set prompt = {{PROMPT_PREFIX_BSD_CSH}}"$prompt:q"
    endif
endif

alias pydoc 'python -m pydoc'

rehash
