# Run by each POSIX shell under test (bash, dash, zsh, mksh, busybox sh).
# Input from the driver: T_VENV, T_VENV2 (optional second venv), T_OUT (folder for
# results), T_STRICT=1 (set -eu and pipefail), T_PS1_UNSET=1 (start without PS1).
# Each result is written with printf '%s' so the driver compares exact bytes.

if [ "${T_STRICT:-}" = 1 ]; then
    set -eu
    if (set -o pipefail) 2>/dev/null; then set -o pipefail; fi
    if [ -n "${ZSH_VERSION:-}" ]; then setopt nounset; fi
fi

record() { printf '%s' "$2" > "$T_OUT/$1"; }
pythonhome_state() {
    if [ -n "${PYTHONHOME+set}" ]; then printf 'set:%s' "$PYTHONHOME"; else printf unset; fi
}
ps1_state() {
    if [ -n "${PS1+set}" ]; then printf 'set:%s' "$PS1"; else printf unset; fi
}
# The prompt as the shell would show it.
visible_prompt() {
    if [ -n "${BASH_VERSION:-}" ]; then
        eval 'printf "%s" "${PS1@P}"'
    elif [ -n "${ZSH_VERSION:-}" ]; then
        eval 'printf "%s" "${(%%)PS1}"'
    elif [ -n "${KSH_VERSION:-}" ]; then
        eval "_shown=\"$PS1\""
        eval 'printf "%s" "${_shown//!!/!}"'
    else
        eval "printf '%s' \"$PS1\""
    fi
}

if [ "${T_PS1_UNSET:-}" = 1 ]; then unset PS1; else PS1='OLD> '; fi

record before_path "$PATH"
record before_ps1 "$(ps1_state)"
record before_pythonhome "$(pythonhome_state)"

. "$T_VENV/bin/activate"

record venv "$VIRTUAL_ENV"
record venv_prompt "$VIRTUAL_ENV_PROMPT"
record path "$PATH"
record python "$(command -v python)"
record visible_prompt "$(visible_prompt)"
record pythonhome "$(pythonhome_state)"
if printenv PS1 >/dev/null; then record ps1_exported yes; else record ps1_exported ""; fi
if pydoc pydoc >/dev/null 2>&1; then record pydoc ok; else record pydoc failed; fi

if [ -n "${T_VENV2:-}" ]; then
    . "$T_VENV2/bin/activate"
    record venv2 "$VIRTUAL_ENV"
    record path2 "$PATH"
fi

deactivate

record after_path "$PATH"
record after_ps1 "$(ps1_state)"
record after_pythonhome "$(pythonhome_state)"
record after_venv "${VIRTUAL_ENV-unset}${VIRTUAL_ENV_PROMPT-unset}"
if deactivate 2>/dev/null; then record second_deactivate succeeded; else record second_deactivate failed; fi
record finished yes
