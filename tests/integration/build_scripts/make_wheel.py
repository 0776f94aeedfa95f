"""Writes a tiny pure-Python wheel, offline: make_wheel.py FOLDER NAME VERSION MESSAGE.

The package NAME has MESSAGE = "<MESSAGE>"; the wheel has METADATA, WHEEL and
a RECORD with each file's sha256, as pip expects.
"""
import base64
import hashlib
import pathlib
import sys
import zipfile

folder, name, version, message = sys.argv[1:5]
dist_info = f"{name}-{version}.dist-info"
files = {
    f"{name}/__init__.py": f"MESSAGE = {message!r}\n",
    f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
    f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: make_wheel.py\n"
    "Root-Is-Purelib: true\nTag: py3-none-any\n",
}
record = []
for path, text in files.items():
    digest = hashlib.sha256(text.encode()).digest()
    encoded = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    record.append(f"{path},sha256={encoded},{len(text.encode())}")
record.append(f"{dist_info}/RECORD,,")
files[f"{dist_info}/RECORD"] = "\n".join(record) + "\n"
wheel = pathlib.Path(folder) / f"{name}-{version}-py3-none-any.whl"
with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
    for path, text in files.items():
        archive.writestr(path, text)
