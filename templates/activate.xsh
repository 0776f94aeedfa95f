# Activates this virtual environment in xonsh:   source path/to/venv/bin/activate.xsh
# Leave it with `deactivate`. Everything here is Python: the values are Python
# string literals and are never run as commands.


class _VirtualEnvLiteralPath(str):
    """A PATH entry that xonsh keeps as it is: xonsh expands $NAME in PATH entries
    (EXPAND_ENV_VARS), which would turn a venv at /x/v$HOME into another folder.
    Its expansion looks for "$" and splits at "=" first; for this absolute path
    it finds neither."""

    def __contains__(self, text):
        return text != "$" and str.__contains__(self, text)

    def partition(self, separator):
        return (self, "", "")


def _virtual_env_activate(venv_dir, bin_name, venv_prompt, relocatable):
    import os

    env = __xonsh__.env
    aliases = __xonsh__.aliases
    fields = env["PROMPT_FIELDS"]

    # Leave any environment that is active now, so PATH never holds two of them.
    previous = aliases.get("deactivate")
    if getattr(previous, "is_virtual_env_deactivate", False):
        previous(["nondestructive"])

    if relocatable:
        # Found from this script's own location where xonsh tells it.
        script = globals().get("__file__") or ""
        if os.path.basename(script) == "activate.xsh":
            venv_dir = os.path.dirname(os.path.dirname(os.path.abspath(script)))

    missing = object()
    saved = {
        "PATH": list(env["PATH"]) if "PATH" in env else missing,
        "PYTHONHOME": env["PYTHONHOME"] if "PYTHONHOME" in env else missing,
        "PROMPT": env.get("PROMPT", missing),
        "env_name": fields.get("env_name", missing),
    }

    def restore(name, value, mapping):
        if value is missing:
            mapping.pop(name, None)
        else:
            mapping[name] = value

    def deactivate(args=None):
        """Puts back PATH, PYTHONHOME and the prompt exactly as they were."""
        restore("PATH", saved["PATH"], env)
        restore("PYTHONHOME", saved["PYTHONHOME"], env)
        if "prompt_changed" in saved:
            restore("PROMPT", saved["PROMPT"], env)
            restore("env_name", saved["env_name"], fields)
        env.pop("VIRTUAL_ENV", None)
        env.pop("VIRTUAL_ENV_PROMPT", None)
        if not args or args[0] != "nondestructive":
            aliases.pop("pydoc", None)
            aliases.pop("deactivate", None)

    deactivate.is_virtual_env_deactivate = True

    env["VIRTUAL_ENV"] = venv_dir
    env["VIRTUAL_ENV_PROMPT"] = venv_prompt
    env["PATH"] = [_VirtualEnvLiteralPath(os.path.join(venv_dir, bin_name))] + (
        [] if saved["PATH"] is missing else saved["PATH"]
    )
    env.pop("PYTHONHOME", None)

    if not env.get("VIRTUAL_ENV_DISABLE_PROMPT"):
        saved["prompt_changed"] = True
        # Colours are applied to the whole formatted prompt, which reads {NAME} in a
        # field's value too: braces are doubled so the text shows as it is.
        def env_name():
            text = "(" + env.get("VIRTUAL_ENV_PROMPT", "") + ") "
            return text.replace("{", 2 * "{").replace("}", 2 * "}")

        fields["env_name"] = env_name
        prompt = env.get("PROMPT", "")
        if isinstance(prompt, str) and "{env_name" not in prompt:
            env["PROMPT"] = "{env_name}" + prompt

    aliases["deactivate"] = deactivate
    # A function, not a command list: xonsh would expand $NAME in the venv's path.
    python = os.path.join(venv_dir, bin_name, "python")

    def pydoc(args, stdin=None):
        import subprocess

        return subprocess.call([python, "-m", "pydoc"] + list(args))

    aliases["pydoc"] = pydoc


_virtual_env_activate({{VENV_DIR}}, {{BIN_NAME}}, {{PROMPT}}, {{RELOCATABLE}})
del _virtual_env_activate
