"""Makes seed-folder wheels for seed_choices.sh from a real one.

  seed_wheels.py reversion SOURCE VERSION OUT [REQUIRES_PYTHON]
                                                the same project at VERSION
                                                (.dist-info renamed, METADATA
                                                and RECORD rewritten)
  seed_wheels.py impostor SOURCE OUT            a wheel named like SOURCE that
                                                installs another project
  seed_wheels.py tamper SOURCE OUT              SOURCE with one member changed
                                                after RECORD was written
  seed_wheels.py uncompilable SOURCE OUT        SOURCE with a module no Python
                                                compiles (in RECORD) in its package
  seed_wheels.py upstream-is-local SOURCE OUT   a pip wheel with upstream pip's
                                                is_local() (Debian's patch undone)
"""
import base64
import hashlib
import re
import sys
import zipfile


def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def members(path):
    with zipfile.ZipFile(path) as wheel:
        return [(info, wheel.read(info)) for info in wheel.infolist()]


def write(out, entries, dist_info):
    record = "".join("%s,%s,%d\n" % (info.filename, digest(data), len(data))
                     for info, data in entries if not info.filename.endswith("/RECORD"))
    record += "%s/RECORD,,\n" % dist_info
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as wheel:
        for info, data in entries:
            if info.filename.endswith(".dist-info/RECORD"):
                continue
            wheel.writestr(info, data)
        wheel.writestr("%s/RECORD" % dist_info, record)


def renamed(source, old_dist_info, new_dist_info, edit=lambda name, data: data):
    entries = []
    for info, data in members(source):
        name = info.filename
        if name.startswith(old_dist_info + "/"):
            name = new_dist_info + name[len(old_dist_info):]
        copy = zipfile.ZipInfo(name, info.date_time)
        copy.external_attr = info.external_attr
        entries.append((copy, edit(name, data)))
    return entries


def dist_info_of(source):
    return next(info.filename.split("/")[0] for info, _ in members(source)
                if info.filename.split("/")[0].endswith(".dist-info"))


def main(command, source, *rest):
    old = dist_info_of(source)
    project = old[:-len(".dist-info")].split("-")[0]
    if command == "reversion":
        version, out = rest[:2]
        requires_python = rest[2] if len(rest) > 2 else None
        new = "%s-%s.dist-info" % (project, version)

        def edit(name, data):
            if name == new + "/METADATA":
                data = re.sub(rb"(?m)^Version: .*$", b"Version: " + version.encode(), data)
                if requires_python:
                    data = re.sub(rb"(?m)^Requires-Python: .*\n", b"", data)
                    data = data.replace(b"\n", b"\nRequires-Python: %s\n" % requires_python.encode(), 1)
            return data
        write(out, renamed(source, old, new, edit), new)
    elif command == "impostor":
        (out,) = rest
        new = "impostor-1.0.dist-info"
        write(out, renamed(source, old, new), new)
    elif command == "tamper":
        (out,) = rest
        entries = members(source)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as wheel:
            changed = False
            for info, data in entries:
                if not changed and info.filename.endswith("/__init__.py") and data:
                    # Same size, other bytes: only the hash can tell.
                    data = data[:-1] + (b"#" if data[-1:] != b"#" else b"!")
                    changed = True
                wheel.writestr(info, data)
    elif command == "uncompilable":
        (out,) = rest
        entries = renamed(source, old, old)
        package = next(info.filename.split("/")[0] for info, _ in entries
                       if "/" in info.filename and not info.filename.split("/")[0].endswith(".dist-info"))
        module = zipfile.ZipInfo(package + "/uncompilable.py", entries[0][0].date_time)
        module.external_attr = 0o644 << 16
        entries.append((module, b"def (:\n"))
        write(out, entries, old)
    elif command == "upstream-is-local":
        (out,) = rest
        upstream = (b"def is_local(path: str) -> bool:\n"
                    b"    if not running_under_virtualenv():\n"
                    b"        return True\n"
                    b"    return path.startswith(normalize_path(sys.prefix))\n\n\n")

        def edit(name, data):
            if name == "pip/_internal/utils/misc.py":
                data = re.sub(rb"(?s)def is_local\(.*?\n(?=def )", lambda _: upstream, data, count=1)
            return data
        write(out, renamed(source, old, old, edit), old)


main(*sys.argv[1:])
