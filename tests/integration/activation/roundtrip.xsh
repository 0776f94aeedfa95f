# Run by xonsh under test (`xonsh --no-rc roundtrip.xsh`); the same inputs and
# results as roundtrip.sh.
import os
import shutil
from xonsh.ansi_colors import ansi_partial_color_format


def record(name, text):
    with open(os.path.join($T_OUT, name), "w", encoding="utf-8", errors="surrogateescape") as out:
        out.write(text)


def pythonhome_state():
    return "set:" + $PYTHONHOME if "PYTHONHOME" in ${...} else "unset"


def visible_prompt():
    return ansi_partial_color_format(__xonsh__.shell.prompt_formatter($PROMPT))


$PROMPT = "OLD> "
record("before_path", os.pathsep.join($PATH))
record("before_ps1", "set:" + $PROMPT)
record("before_pythonhome", pythonhome_state())

source @($T_VENV + "/bin/activate.xsh")

record("venv", $VIRTUAL_ENV)
record("venv_prompt", $VIRTUAL_ENV_PROMPT)
record("path", os.pathsep.join($PATH))
record("python", shutil.which("python", path=os.pathsep.join($PATH)))
record("visible_prompt", visible_prompt())
record("pythonhome", pythonhome_state())
record("pydoc", "ok" if !(pydoc pydoc).returncode == 0 else "failed")

if ${...}.get("T_VENV2"):
    source @($T_VENV2 + "/bin/activate.xsh")
    record("venv2", $VIRTUAL_ENV)
    record("path2", os.pathsep.join($PATH))

deactivate

record("after_path", os.pathsep.join($PATH))
record("after_ps1", "set:" + $PROMPT)
record("after_pythonhome", pythonhome_state())
record("after_venv", ${...}.get("VIRTUAL_ENV", "unset") + ${...}.get("VIRTUAL_ENV_PROMPT", "unset"))
record("second_deactivate", "failed" if !(deactivate).returncode != 0 else "succeeded")
record("finished", "yes")
