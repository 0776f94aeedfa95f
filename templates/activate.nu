# Activates this virtual environment in nushell:   overlay use path/to/venv/bin/activate.nu
# Leave it with `deactivate` (or `overlay hide activate`): hiding the overlay puts
# back every environment variable exactly as it was.

export-env {
    # This script's own path: `path self` runs only at parse time, into a const.
    const this_script = path self
    let relocatable = {{RELOCATABLE}}
    let venv_dir = if ($relocatable | is-not-empty) {
        # Found from this script's own location.
        $this_script | path dirname | path dirname
    } else {
        {{VENV_DIR}}
    }
    let bin_dir = ($venv_dir | path join {{BIN_NAME}})
    let venv_prompt = {{PROMPT}}
    # Windows names the variable Path; the other systems PATH.
    let path_name = if ($env | columns | any {|name| $name == 'Path' }) { 'Path' } else { 'PATH' }
    let old_path = ($env | get --optional $path_name | default [])
    let old_path = if ($old_path | describe) == 'string' {
        $old_path | split row (char esep)
    } else {
        $old_path
    }
    # Another environment active from this overlay name is being replaced: drop its
    # folder from PATH so PATH never holds two of them.
    let previous_bin = ($env | get --optional _VIRTUAL_ENV_BIN_DIR)
    let old_path = if $previous_bin != null {
        $old_path | where {|entry| $entry != $previous_bin }
    } else {
        $old_path
    }

    load-env {
        $path_name: ($old_path | prepend $bin_dir)
        VIRTUAL_ENV: $venv_dir
        VIRTUAL_ENV_PROMPT: $venv_prompt
        _VIRTUAL_ENV_BIN_DIR: $bin_dir
    }
    if 'PYTHONHOME' in $env {
        # Shadowed in this overlay, not hidden: programs never get a null, and
        # hiding the overlay shows the old value again (hide-env would remove it
        # from the overlay below for good).
        $env.PYTHONHOME = null
    }

    let disabled = ($env | get --optional VIRTUAL_ENV_DISABLE_PROMPT | default '' | into string)
    if ($disabled | is-empty) {
        # A venv active now has wrapped the prompt: wrap what it wrapped, so the
        # prompt shows one prefix, this venv's.
        let old_prompt = if $previous_bin != null and '_VIRTUAL_ENV_OLD_PROMPT' in $env {
            $env._VIRTUAL_ENV_OLD_PROMPT.command
        } else {
            $env | get --optional PROMPT_COMMAND
        }
        $env._VIRTUAL_ENV_OLD_PROMPT = {command: $old_prompt}
        # The prompt text is data here: it is printed, never evaluated.
        $env.PROMPT_COMMAND = {||
            let rest = if ($old_prompt | describe) =~ '^closure' {
                do $old_prompt
            } else if $old_prompt == null {
                ''
            } else {
                $old_prompt
            }
            $"\(($env.VIRTUAL_ENV_PROMPT? | default '')\) ($rest)"
        }
    }
}

export alias pydoc = python -m pydoc

export alias deactivate = overlay hide activate
