#!/usr/bin/env python3
"""No source or document cites a file that is not in the repository (issue 11).

Reads every tracked text file, finds what reads as a reference to a repository file (a path with
a directory and a known ending, or an upper-case document name such as README.md; a "..."
folder stands for any folders), and fails on
each one that names no tracked file. A path counts as found when it is a tracked path from the
root, from the citing file's folder, or the tail of a tracked path (e.g. "probes/close_matrix.c").
Build outputs (target/), the lab's cache and URLs are not repository files and are passed over.
"""
import os
import re
import subprocess
import sys

ROOT = os.environ.get("CHECK_CITATIONS_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENDINGS = "md|java|c|h|sh|py|xml|yml|yaml|json|toml"
PATH_RE = re.compile(r"(?<![\w/.$~:{-])((?:\.\./|\./)*(?:[\w.-]+/)+[\w.-]+\.(?:" + ENDINGS + r"))(?![\w/])")
DOC_RE = re.compile(r"(?<![\w/.-])([A-Z][A-Z0-9_-]+\.md)\b")
TEXT = re.compile(r"\.(java|sh|c|h|py|md|xml|yml|yaml|txt)$|(^|/)(run|wine-java|wine-run|winpath)$")


def tracked():
    out = subprocess.run(["git", "-C", ROOT, "ls-files"], capture_output=True, text=True, check=True).stdout
    return [p for p in out.splitlines() if p]


def main():
    files = tracked()
    paths = set(files)
    names = {os.path.basename(p) for p in files}
    bad = []
    for f in files:
        if not TEXT.search(f) or f.startswith("benchmarks/results/"):
            continue
        try:
            lines = open(os.path.join(ROOT, f), encoding="utf-8").read().splitlines()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        for no, line in enumerate(lines, 1):
            for m in PATH_RE.finditer(line):
                ref = m.group(1)
                before = line[:m.start(1)]
                if re.search(r"https?://\S*$", before) or "target/" in ref or ref.startswith("target"):
                    continue
                if "/.../" in ref:
                    pattern = re.compile("(^|/)" + ".+".join(re.escape(x) for x in ref.split("/.../")) + "$")
                    if any(pattern.search(p) for p in files):
                        continue
                norm = os.path.normpath(os.path.join(os.path.dirname(f), ref))
                plain = os.path.normpath(ref[2:] if ref.startswith("./") else ref)
                if norm in paths or plain in paths or any(p.endswith("/" + ref) for p in files):
                    continue
                bad.append(f"{f}:{no}: cites {ref}, which is not in the repository")
            for m in DOC_RE.finditer(line):
                if m.group(1) not in names:
                    bad.append(f"{f}:{no}: cites {m.group(1)}, which is not in the repository")
    for b in bad:
        print(b)
    print(f"check-citations: {len(files)} tracked files read, {len(bad)} reference(s) to files not in the repository")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
