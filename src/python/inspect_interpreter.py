# Prints, as one JSON object, what cppvenv needs to know about the interpreter
# running it. Kept to syntax that Python 2 can parse, so an old interpreter
# reports its version instead of a syntax error.
import os
import sys


def deferred_module(name):
    # A stand-in for module `name` that imports the real one at its first use.
    # ensurepip imports subprocess, tempfile and importlib.resources at the top
    # but needs none of them to tell which wheels it bundles: deferring them
    # takes most of the time out of a first `create` with a new interpreter.
    class Deferred(type(sys)):
        def __getattr__(self, attribute):
            real = self.__dict__.get("_real_module")
            if real is None:
                if sys.modules.get(name) is self:
                    del sys.modules[name]
                __import__(name)
                real = sys.modules[name]
                self.__dict__["_real_module"] = real
            return getattr(real, attribute)
    return Deferred(name)


def import_with_deferred(module_name, deferred_names):
    stand_ins = {}
    for name in deferred_names:
        if name not in sys.modules:
            stand_ins[name] = sys.modules[name] = deferred_module(name)
    try:
        __import__(module_name)
        return sys.modules[module_name]
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                 "\b": "\\b", "\f": "\\f"}


def json_string(text):
    # As json.dumps writes it (ASCII only), without importing json and re.
    parts = ['"']
    for character in text:
        code = ord(character)
        if character in SHORT_ESCAPES:
            parts.append(SHORT_ESCAPES[character])
        elif 0x20 <= code < 0x7F:
            parts.append(character)
        elif code <= 0xFFFF:
            parts.append("\\u%04x" % code)
        else:
            code -= 0x10000
            parts.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
    parts.append('"')
    return "".join(parts)


def json_text(value):
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # A path as the exact bytes the file system has: UTF-8 as a JSON
        # string, anything else as {"bytes": HEX}, which cppvenv decodes back.
        try:
            raw = os.fsencode(value)
        except UnicodeError:
            return json_string(value)
        try:
            return json_string(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return '{"bytes": "%s"}' % raw.hex()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(json_text(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(json_string(key) + ": " + json_text(value[key])
                               for key in sorted(value)) + "}"
    raise TypeError("cannot write %r as JSON" % (value,))


def venv_scheme_paths():
    # 3.11+ define a 'venv' install scheme; venv itself uses it.
    import sysconfig
    marker = "/@VENV@"
    names = ("scripts", "include", "purelib", "platlib")
    if "venv" in sysconfig.get_scheme_names():
        variables = {"base": marker, "platbase": marker,
                     "installed_base": marker, "installed_platbase": marker}
        paths = dict((n, sysconfig.get_path(n, scheme="venv", vars=variables)) for n in names)
        def relative(p):
            p = p.replace("\\", "/")
            return p[len(marker) + 1:] if p.startswith(marker + "/") else p
        return dict((n, relative(p)) for n, p in paths.items())
    short = "%d.%d" % sys.version_info[:2]
    if os.name == "nt":
        return {"scripts": "Scripts", "include": "Include",
                "purelib": "Lib/site-packages", "platlib": "Lib/site-packages"}
    lib = ("pypy" if is_pypy() else "python") + short
    site = "lib/%s/site-packages" % lib
    return {"scripts": "bin", "include": "include", "purelib": site, "platlib": site}


def is_pypy():
    return sys.implementation.name == "pypy" if hasattr(sys, "implementation") else False


def debian_system_wheel(ensurepip, project):
    import glob
    names = glob.glob("/usr/share/python-wheels/%s-*[.-]py3-*.whl" % project)
    if not names:
        return None
    def version_key(path):
        version = os.path.basename(path).split("-")[1]
        return [int(part) for part in version.split(".") if part.isdigit()]
    key = getattr(ensurepip, "_wheel_version", version_key)
    return sorted(names, key=key, reverse=True)[0]


def ensurepip_wheels():
    # The wheels `python -m ensurepip` would install, found the way each
    # version's ensurepip finds them.
    try:
        ensurepip = import_with_deferred(
            "ensurepip", ("subprocess", "tempfile", "importlib.resources", "pkgutil"))
    except ImportError:
        return False, []
    bundled = os.path.join(os.path.dirname(ensurepip.__file__), "_bundled")
    wheels = []
    if hasattr(ensurepip, "_get_packages"):  # 3.8.? to 3.12, and Debian's
        for name, package in ensurepip._get_packages().items():
            path = package.wheel_path or os.path.join(bundled, package.wheel_name)
            wheels.append((name, package.version, path))
    elif hasattr(ensurepip, "_get_pip_whl_path_ctx"):  # 3.13+
        with ensurepip._get_pip_whl_path_ctx() as path:
            path = str(path)
        version = os.path.basename(path).split("-")[1]
        wheels.append(("pip", version, path))
    elif hasattr(ensurepip, "_PROJECTS") and all(
            isinstance(e, str) for e in ensurepip._PROJECTS):
        # Debian's PyPy: project names only; the newest wheel of each in
        # /usr/share/python-wheels, as its copy_wheels() picks it.
        for name in ensurepip._PROJECTS:
            found = debian_system_wheel(ensurepip, name)
            if found:
                wheels.append((name, os.path.basename(found).split("-")[1], found))
    elif hasattr(ensurepip, "_PROJECTS"):  # 3.7, 3.8, 3.9
        for entry in ensurepip._PROJECTS:
            name, version = entry[0], entry[1]
            py_tag = entry[2] if len(entry) > 2 else "py2.py3"
            path = os.path.join(bundled, "%s-%s-%s-none-any.whl" % (name, version, py_tag))
            wheels.append((name, version, path))
    wheels = [{"project": n, "version": v, "path": os.path.abspath(p)}
              for n, v, p in wheels if os.path.isfile(p)]
    return True, wheels


def base_of_venv_interpreter(executable):
    # Before 3.11, a venv's python reports itself, not its base: follow the
    # venv's pyvenv.cfg `home` the way the interpreter's own start-up does, so
    # that a venv made from a venv's python points at the real installation.
    bin_dir = os.path.dirname(executable)
    for folder in (bin_dir, os.path.dirname(bin_dir)):
        cfg = os.path.join(folder, "pyvenv.cfg")
        if not os.path.isfile(cfg):
            continue
        with open(cfg) as lines:
            for line in lines:
                key, sep, value = line.partition("=")
                if sep and key.strip() == "home":
                    home = value.strip()
                    names = (os.path.basename(executable), "python%d.%d" % sys.version_info[:2],
                             "python%d" % sys.version_info[0])
                    for name in names:
                        candidate = os.path.join(home, name)
                        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                            return candidate
    return executable


def windows_layout(executable):
    # What this version's venv module reads on Windows to fill Scripts\: its
    # launchers in scripts\nt, the programs and DLLs beside the executable, and
    # whether this is a source build (which keeps its launchers beside python.exe).
    import sysconfig
    try:
        import venv
        venv_dir = os.path.dirname(os.path.abspath(venv.__file__))
    except ImportError:
        venv_dir = ""

    def names(folder, extensions=None):
        try:
            entries = os.listdir(folder)
        except OSError:
            return []
        return sorted(n for n in entries if os.path.isfile(os.path.join(folder, n)) and (
            extensions is None or os.path.normcase(os.path.splitext(n)[1]) in extensions))

    if sys.version_info < (3, 11):
        build = sysconfig.is_python_build(True)
    else:
        build = sysconfig.is_python_build()
    here = os.path.dirname(executable)
    init_tcl = ""
    if build:
        for root, dirs, files in os.walk(here):
            if "init.tcl" in files:
                init_tcl = os.path.join(root, "init.tcl")
                break
    return {
        "venv_module_dir": venv_dir,
        "venv_launchers": names(os.path.join(venv_dir, "scripts", "nt")) if venv_dir else [],
        "executable_files": names(here, (".exe", ".dll")),
        "is_python_build": bool(build),
        "init_tcl": init_tcl,
    }


def main():
    facts = {
        "implementation": sys.implementation.name if hasattr(sys, "implementation") else "cpython",
        "version": list(sys.version_info[:3]),
    }
    if sys.version_info < (3, 7):
        import json
        print(json.dumps(facts))
        return
    import sysconfig
    executable = getattr(sys, "_base_executable", None) or sys.executable
    executable = base_of_venv_interpreter(os.path.abspath(executable))
    config = sysconfig.get_config_var
    paths = venv_scheme_paths()
    has_ensurepip, wheels = ensurepip_wheels()
    libraries = []
    if is_pypy():
        here = os.path.dirname(executable)
        libraries = [n for n in os.listdir(here) if n.startswith("libpypy") and ".so" in n]
    facts.update({
        "abiflags": getattr(sys, "abiflags", ""),
        "free_threaded": bool(config("Py_GIL_DISABLED")),
        "debug_build": hasattr(sys, "gettotalrefcount"),
        "executable": executable,
        "real_executable": os.path.realpath(executable),
        "base_prefix": getattr(sys, "base_prefix", sys.prefix),
        "platlibdir": getattr(sys, "platlibdir", "lib"),
        "os_name": os.name,
        "is_64bit": sys.maxsize > 2 ** 32,
        "is_darwin": sys.platform == "darwin",
        "scripts_dir": paths["scripts"],
        "include_dir": paths["include"],
        "purelib_dir": paths["purelib"],
        "platlib_dir": paths["platlib"],
        "has_ensurepip": has_ensurepip,
        "ensurepip_wheels": wheels,
        "shared_libraries_beside_executable": libraries,
        "windows": windows_layout(executable) if os.name == "nt" else None,
    })
    print(json_text(facts))


main()
