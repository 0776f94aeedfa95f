"""Activates this virtual environment inside a Python process that is already running.

    exec(open(this_file).read(), {"__file__": this_file})

PATH, VIRTUAL_ENV and VIRTUAL_ENV_PROMPT are set for this process and its
children, and the environment's site-packages come first on sys.path.
"""

import os
import site
import sys
import sysconfig


def _activate(venv_dir, bin_name, venv_prompt, relocatable):
    if relocatable or not venv_dir:
        venv_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    # With PATH unset, an empty entry after the venv's folder would put the
    # current folder on PATH.
    bin_dir = os.path.join(venv_dir, bin_name)
    old_path = os.environ.get("PATH")
    os.environ["PATH"] = bin_dir if old_path is None else os.pathsep.join([bin_dir, old_path])
    os.environ["VIRTUAL_ENV"] = venv_dir
    os.environ["VIRTUAL_ENV_PROMPT"] = venv_prompt
    os.environ.pop("PYTHONHOME", None)

    # The folders this interpreter's own venv scheme uses, based at the venv.
    scheme = "venv" if "venv" in sysconfig.get_scheme_names() else None
    if scheme is None:
        scheme = "nt" if os.name == "nt" else "posix_prefix"
    base = {"base": venv_dir, "platbase": venv_dir}
    folders = []
    for key in ("purelib", "platlib"):
        folder = sysconfig.get_path(key, scheme, vars=base)
        if folder not in folders:
            folders.append(folder)

    known = list(sys.path)
    for folder in folders:
        site.addsitedir(folder)
    added = [entry for entry in sys.path if entry not in known]
    sys.path[:] = added + known

    sys.prefix = sys.exec_prefix = venv_dir


_activate({{VENV_DIR}}, {{BIN_NAME}}, {{PROMPT}}, {{RELOCATABLE}})
del _activate
