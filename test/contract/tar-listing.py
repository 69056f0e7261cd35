"""Lists the tar stream on stdin as JSON, one object per member, in archive order.

The oracle for the contract tests: Python's tarfile reads ustar, GNU (long names, sparse) and
PAX headers independently of stowage. Names are reported as tarfile decodes them (UTF-8; a
directory's trailing slash removed); the TypeScript side normalises them.
"""
import json
import sys
import tarfile


def kind(member):
    if member.isreg():
        return "file"
    if member.isdir():
        return "dir"
    if member.issym():
        return "symlink"
    if member.islnk():
        return "hardlink"
    if member.ischr():
        return "char"
    if member.isblk():
        return "block"
    if member.isfifo():
        return "fifo"
    raise SystemExit(f"unknown tar type {member.type!r} for {member.name!r}")


members = []
with tarfile.open(fileobj=sys.stdin.buffer, mode="r|") as archive:
    for m in archive:
        members.append(
            {
                "name": m.name,
                "type": kind(m),
                "size": m.size,
                "mode": m.mode,
                "uid": m.uid,
                "gid": m.gid,
                "mtime": m.mtime,
                "linkname": m.linkname,
                "devmajor": m.devmajor,
                "devminor": m.devminor,
            }
        )
json.dump(members, sys.stdout)
