"""Oracle for the tar reader and contract tests: lists a tar archive's members with Python's
tarfile as JSON, independently of stowage (ustar, GNU long names and sparse files, PAX).

Usage: python3 tar-oracle.py ARCHIVE  -> JSON list, one object per member, in archive order;
       python3 tar-oracle.py -        reads the tar stream from stdin.
Names are reported as tarfile decodes them (UTF-8; a directory's trailing slash removed).
"""
import hashlib
import json
import sys
import tarfile

KINDS = [
    ("isreg", "file"), ("isdir", "dir"), ("issym", "symlink"), ("islnk", "hardlink"),
    ("ischr", "char"), ("isblk", "block"), ("isfifo", "fifo"),
]


def kind(m):
    for method, name in KINDS:
        if getattr(m, method)():
            return name
    return "unknown"


def member(tf, m):
    out = {
        "name": m.name, "type": kind(m), "size": m.size, "mode": m.mode, "uid": m.uid, "gid": m.gid,
        "uname": m.uname, "gname": m.gname, "mtime": m.mtime, "linkname": m.linkname,
        "devmajor": m.devmajor, "devminor": m.devminor, "sparse": m.sparse is not None,
        "xattrs": {
            k[len("SCHILY.xattr."):]: v.encode("utf-8", "surrogateescape").hex()
            for k, v in m.pax_headers.items() if k.startswith("SCHILY.xattr.")
        },
    }
    if m.isreg():
        h = hashlib.sha256()
        f = tf.extractfile(m)
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
        out["sha256"] = "sha256:" + h.hexdigest()
    return out


if sys.argv[1] == "-":
    archive = tarfile.open(fileobj=sys.stdin.buffer, mode="r|")  # members read in order, once
else:
    archive = tarfile.open(sys.argv[1], "r:")
with archive as tf:
    print(json.dumps([member(tf, m) for m in tf]))
