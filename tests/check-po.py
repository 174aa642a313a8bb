#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in lists every file with translatable strings, and po/fa.po
translates every message of the current sources (none missing, none fuzzy)."""
import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1])
listed = {l.strip() for l in (root / "po/POTFILES.in").read_text().splitlines()
          if l.strip() and not l.startswith("#")}
failed = False
for path in sorted(list(root.glob("src/**/*.c")) + list(root.glob("ui/*.ui"))):
    rel = str(path.relative_to(root))
    text = path.read_text(encoding="utf-8")
    if re.search(r'\b(N?_|C_)\(\s*"|translatable="yes"', text) and rel not in listed:
        print(f"{rel} has translatable strings but is not in po/POTFILES.in")
        failed = True
for rel in listed:
    if not (root / rel).exists():
        print(f"po/POTFILES.in lists {rel}, which does not exist")
        failed = True

with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / "check.pot"
    files = sorted(listed)
    c_files = [f for f in files if f.endswith(".c")]
    other = [f for f in files if not f.endswith(".c")]
    subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", "--keyword=_",
                    "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                    "--keyword=g_dngettext:2,3", "-o", str(pot), "--directory", str(root)] + c_files,
                   check=True)
    subprocess.run(["xgettext", "--from-code=UTF-8", "-j", "-o", str(pot), "--directory",
                    str(root)] + other, check=True)
    merged = pathlib.Path(tmp) / "fa.po"
    subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", str(merged),
                    str(root / "po/fa.po"), str(pot)], check=True)
    untranslated = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", str(merged)],
                                  capture_output=True, text=True, check=True).stdout
    fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", str(merged)],
                           capture_output=True, text=True, check=True).stdout
    missing = re.findall(r'^msgid "(.+)"$', untranslated, re.M)
    if missing or re.search(r'^msgid "(.+)"$', fuzzy, re.M):
        for m in missing:
            print(f"po/fa.po does not translate: {m}")
        failed = True
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(root / "po/fa.po")], check=True)

print("po: FAILED" if failed else "po: POTFILES.in and fa.po are complete")
sys.exit(1 if failed else 0)
