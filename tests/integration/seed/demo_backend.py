# A minimal in-tree PEP 517 build backend, so the seed suite can build a wheel
# and install a source tree without a network or setuptools. The project is the
# one package folder beside this file; it gets a console script of its own name.
import base64
import hashlib
import os
import zipfile

VERSION = "1.0"
HERE = os.path.dirname(os.path.abspath(__file__))


def _project():
    for entry in sorted(os.listdir(HERE)):
        if os.path.isfile(os.path.join(HERE, entry, "__init__.py")):
            return entry
    raise RuntimeError("no package folder beside demo_backend.py")


def _record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = _project()
    dist_info = "%s-%s.dist-info" % (name, VERSION)
    with open(os.path.join(HERE, name, "__init__.py"), "rb") as source:
        files = [(name + "/__init__.py", source.read())]
    files += [
        (dist_info + "/METADATA",
         ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, VERSION)).encode()),
        (dist_info + "/WHEEL",
         b"Wheel-Version: 1.0\nGenerator: demo_backend\nRoot-Is-Purelib: true\n"
         b"Tag: py3-none-any\n"),
        (dist_info + "/entry_points.txt",
         ("[console_scripts]\n%s = %s:main\n" % (name, name)).encode()),
    ]
    record = "".join("%s,%s,%d\n" % (path, _record_hash(data), len(data)) for path, data in files)
    files.append((dist_info + "/RECORD", (record + dist_info + "/RECORD,,\n").encode()))
    wheel_name = "%s-%s-py3-none-any.whl" % (name, VERSION)
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w") as wheel:
        for path, data in files:
            wheel.writestr(path, data)
    return wheel_name
