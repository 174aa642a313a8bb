#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench's document part: the cairo-made scan, then the same scan as 20 A4
# pages at 300 dpi written by the PDF writers applicants use, each timed
# beside pdftoppm. Usage: run-doc-bench.sh PK_BENCH_DOC SCAN_CORPUS_PY
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/pk-doc-writers.XXXXXX")
trap 'rm -rf "$dir"' EXIT
echo "Writing the 20-page scan with each PDF writer (tests/scan-corpus.py)…"
/usr/bin/python3 "$2" "$dir" --a4 --pages 20 --bench 2>/dev/null
"$1" "$dir"
