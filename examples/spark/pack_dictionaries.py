#!/usr/bin/env python3
"""Build dictionaries.zip for a cluster job, with the dictionaries' contents at its root.

Spark's `--archives dictionaries.zip#dictionaries` and Hadoop's `-archives` unpack an archive
into a folder named after the `#` part. A zip made with `zip -r dictionaries.zip dictionaries`
holds the folder itself, so the task sees `dictionaries/dictionaries/entities/...` and tfacts
stops with `dictionaries/entities: No such file or directory`. This script writes the files
of DIR at the root of the archive (`entities/companies.csv`, `families.csv`, ...), refuses a
folder that is not a dictionaries folder, and checks the archive it wrote. The bytes depend
only on the files (fixed times and modes, name order), so an unchanged folder gives an
unchanged archive.

    python3 examples/spark/pack_dictionaries.py [--dictionaries dictionaries] [--out dictionaries.zip]
"""

import argparse
import os
import sys
import zipfile

# What tfacts needs in the unpacked folder (see README, "The dictionary").
REQUIRED = ("entities/",)


def files_of(root):
    """Every file under root, as (path on disk, name in the archive with '/'), in name order."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            path = os.path.join(folder, name)
            found.append((path, os.path.relpath(path, root).replace(os.sep, "/")))
    return sorted(found, key=lambda f: f[1])


def pack(root, out):
    if not os.path.isdir(os.path.join(root, "entities")):
        sys.exit(f"pack_dictionaries: {root} has no entities/ folder: not a dictionaries folder")
    files = files_of(root)
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for path, name in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())
    check(tmp)
    os.replace(tmp, out)
    return len(files)


def check(archive):
    """The archive unpacks to a dictionaries folder: entities/ at its root, nothing nested."""
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
    for need in REQUIRED:
        if not any(n.startswith(need) for n in names):
            sys.exit(f"pack_dictionaries: {archive} has no {need} at its root")
    nested = [n for n in names if n.startswith("dictionaries/") or n.startswith("/") or ".." in n.split("/")]
    if nested:
        sys.exit(f"pack_dictionaries: {archive} would unpack outside its folder: {nested[0]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionaries", default="dictionaries")
    parser.add_argument("--out", default="dictionaries.zip")
    parser.add_argument("--check", metavar="ZIP", help="only check an existing archive")
    args = parser.parse_args()
    if args.check:
        check(args.check)
        print(f"{args.check}: a dictionaries archive (entities/ at its root)")
        return
    n = pack(args.dictionaries, args.out)
    print(f"{args.out}: {n} files from {args.dictionaries}/ at its root; ship it with "
          f"--archives {os.path.basename(args.out)}#dictionaries")


if __name__ == "__main__":
    main()
