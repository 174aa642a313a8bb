#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Holds each folder of src/core to the layers src/core/meson.build declares.

A file may include headers of its own folder and of the folders below it;
only the store may include SQLite or SpatiaLite; nothing in the core may
include GTK, libadwaita or libshumate; a folder's -internal.h and -private.h
headers stay inside it. Prints TAP: one line per folder.
"""
import pathlib
import re
import sys

# folder → the folders it may use (transitively closed below)
BELOW = {
    "base": [],
    "geo": ["base"],
    "documents": ["base"],
    "domain": ["geo", "documents"],
    "store": ["domain"],
    "siting": ["store"],
    "coverage": ["siting"],
    "exchange": ["siting"],
    "map": ["store"],
    "reports": ["coverage", "exchange", "map"],
    "services": ["siting", "documents"],
}
SYSTEM_ONLY_IN = {"sqlite3.h": {"store"}, "spatialite.h": {"store"}, "libpq-fe.h": {"store"},
                  "spatialite/gaiageo.h": {"store"},
                  "geos_c.h": {"geo"}, "proj.h": {"geo"}}
NEVER = re.compile(r"^(gtk/|gdk/|adwaita\.h|shumate/)")


def allowed(folder):
    seen, todo = set(), [folder]
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(BELOW[f])
    return seen


def main():
    core = pathlib.Path(sys.argv[1]) / "src" / "core"
    home = {}
    folders = sorted(p.name for p in core.iterdir() if p.is_dir())
    for folder in folders:
        for h in (core / folder).glob("*.h"):
            home[h.name] = folder
    print(f"1..{len(folders) + 1}")
    failed = 0
    unknown = [f for f in folders if f not in BELOW]
    n = 1
    print(f"{'not ok' if unknown else 'ok'} {n} every folder has a declared layer"
          + (f" (undeclared: {', '.join(unknown)})" if unknown else ""))
    failed += bool(unknown)
    for folder in folders:
        n += 1
        ok_set = allowed(folder) if folder in BELOW else {folder}
        problems = []
        for src in sorted((core / folder).glob("*.[ch]")):
            for line_no, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
                m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
                if not m:
                    continue
                name = m.group(2)
                where = f"{src.relative_to(core)}:{line_no}"
                if m.group(1) == '"' and name in home:
                    target = home[name]
                    if target not in ok_set:
                        problems.append(f"{where} reaches up into {target}/ ({name})")
                    elif target != folder and re.search(r"-(internal|private)\.h$", name):
                        problems.append(f"{where} includes {target}/'s own {name}")
                elif m.group(1) == "<":
                    if NEVER.match(name):
                        problems.append(f"{where} includes {name}: the core is GTK-free")
                    elif name in SYSTEM_ONLY_IN and folder not in SYSTEM_ONLY_IN[name]:
                        problems.append(f"{where} includes {name}: only {', '.join(sorted(SYSTEM_ONLY_IN[name]))}/ may")
        print(f"{'not ok' if problems else 'ok'} {n} {folder}/")
        for p in problems:
            print(f"# {p}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
