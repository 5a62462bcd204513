#!/usr/bin/env python3
"""No source or document cites a file that is not in the repository (issue 11), nor a place in
a document that is not there (issue 23).

Reads every tracked text file and fails on:
- a reference to a repository file (a path with a directory and a known ending, or an upper-case
  document name such as README.md; a "..." folder stands for any folders) that names no tracked
  file. A path counts as found when it is a tracked path from the root, from the citing file's
  folder, or the tail of a tracked path (e.g. "probes/close_matrix.c"). Build outputs (target/),
  the lab's cache and URLs are not repository files and are passed over;
- a citation of a place in a document, "docs/ARCHITECTURE.md#lifetime" (or "[text](#lifetime)"
  inside a document), whose document has no explicit anchor of that name: `<a id="lifetime"></a>`
  (or any element's id="..." or an <a name="...">). Headings' generated slugs do not count: they
  change when a heading is edited, which is what named anchors are for;
- a citation by section number, "ARCHITECTURE.md section N" (also split over two comment lines,
  or as "§ N"): numbers re-point silently when a section is inserted; cite the anchor.

Usage: check-citations.py              the repository (CHECK_CITATIONS_ROOT overrides the root)
       check-citations.py --self-test  proves that each kind of bad citation fails, and a good one passes
"""
import os
import re
import subprocess
import sys
import tempfile

ENDINGS = "md|java|c|h|sh|py|xml|yml|yaml|json|toml"
PATH_RE = re.compile(r"(?<![\w/.$~:{-])((?:\.\./|\./)*(?:[\w.-]+/)+[\w.-]+\.(?:" + ENDINGS + r"))(?![\w/])")
DOC_RE = re.compile(r"(?<![\w/.-])([A-Z][A-Z0-9_-]+\.md)\b")
# A document and an anchor: docs/ARCHITECTURE.md#lifetime.
ANCHOR_RE = re.compile(r"(?<![\w/.$~:{-])((?:\.\./|\./)*(?:[\w.-]+/)*[\w.-]+\.md)#([A-Za-z][\w-]*)")
# A link to an anchor of the same document: [text](#lifetime).
LOCAL_ANCHOR_RE = re.compile(r"\]\(#([A-Za-z][\w-]*)\)")
# The explicit anchors a document defines.
DEFINED_RE = re.compile(r"<[a-zA-Z][^>]*\s(?:id|name)=\"([^\"]+)\"")
# A citation by section number, on one line or with the number on the next comment line.
_BREAK = r"[ \t]*(?:\n[ \t]*(?:\*|//|#+|<!--|--)?[ \t]*)?"
SECTION_RE = re.compile(
    r"([\w./-]*\b[A-Z][\w-]*\.md)[)\"'`]?,?" + _BREAK + r"(?:section|§)" + _BREAK + r"\d", re.IGNORECASE)
TEXT = re.compile(r"\.(java|sh|c|h|py|md|xml|yml|yaml|txt|json)$|(^|/)(run|wine-java|wine-run|winpath)$")

def tracked(root):
    out = subprocess.run(["git", "-C", root, "ls-files"], capture_output=True, text=True, check=True).stdout
    return [p for p in out.splitlines() if p]


def resolve(ref, citing, files, paths):
    """The tracked file a reference names, or None."""
    if "/.../" in ref:
        pattern = re.compile("(^|/)" + ".+".join(re.escape(x) for x in ref.split("/.../")) + "$")
        return next((p for p in files if pattern.search(p)), None)
    norm = os.path.normpath(os.path.join(os.path.dirname(citing), ref))
    plain = os.path.normpath(ref[2:] if ref.startswith("./") else ref)
    for candidate in (norm, plain):
        if candidate in paths:
            return candidate
    return next((p for p in files if p.endswith("/" + ref) or p == ref), None)


def check(root):
    """The tracked files of the repository at root, and its problems, one line each."""
    files = tracked(root)
    paths = set(files)
    names = {os.path.basename(p) for p in files}
    anchors = {}

    def anchors_of(doc):
        if doc not in anchors:
            try:
                anchors[doc] = set(DEFINED_RE.findall(open(os.path.join(root, doc), encoding="utf-8").read()))
            except (UnicodeDecodeError, FileNotFoundError):
                anchors[doc] = set()
        return anchors[doc]

    bad = []
    for f in files:
        if not TEXT.search(f) or f.startswith("benchmarks/results/"):
            continue
        try:
            text = open(os.path.join(root, f), encoding="utf-8").read()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        for no, line in enumerate(text.splitlines(), 1):
            for m in PATH_RE.finditer(line):
                ref = m.group(1)
                before = line[:m.start(1)]
                if re.search(r"https?://\S*$", before) or "target/" in ref or ref.startswith("target"):
                    continue
                if resolve(ref, f, files, paths) is None:
                    bad.append(f"{f}:{no}: cites {ref}, which is not in the repository")
            for m in DOC_RE.finditer(line):
                if m.group(1) not in names:
                    bad.append(f"{f}:{no}: cites {m.group(1)}, which is not in the repository")
            for m in ANCHOR_RE.finditer(line):
                if re.search(r"https?://\S*$", line[:m.start(1)]):
                    continue
                doc = resolve(m.group(1), f, files, paths)
                if doc is not None and m.group(2) not in anchors_of(doc):
                    bad.append(f"{f}:{no}: cites {m.group(1)}#{m.group(2)}, but {doc} has no anchor "
                               f"<a id=\"{m.group(2)}\">")
            if f.endswith(".md"):
                for m in LOCAL_ANCHOR_RE.finditer(line):
                    if m.group(1) not in anchors_of(f):
                        bad.append(f"{f}:{no}: links to #{m.group(1)}, but {f} has no anchor <a id=\"{m.group(1)}\">")
        for m in SECTION_RE.finditer(text):
            no = text.count("\n", 0, m.start()) + 1
            cited = " ".join(m.group(0).split())
            bad.append(
                f"{f}:{no}: cites a section by number ({cited}); cite a named anchor instead "
                f"({m.group(1)}#name, where the document has <a id=\"name\"></a>)")
    return files, bad


def main():
    root = os.environ.get("CHECK_CITATIONS_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files, bad = check(root)
    for b in bad:
        print(b)
    print(f"check-citations: {len(files)} tracked files read, {len(bad)} citation(s) of files or places "
          f"not in the repository")
    return 1 if bad else 0


def self_test():
    """Each kind of bad citation fails with its own message; the good ones pass."""
    # The throw-away repository's document, spelt so that this file does not cite it.
    doc = "GUIDE" ".md"
    good = {
        f"docs/{doc}": '# Guide\n\n<a id="lifetime"></a>\n## Lifetime\n\nSee [above](#lifetime).\n',
        "src/" "A.java": f"/** The lifetime word (docs/{doc}#lifetime). */\nclass A {{}}\n",
        "README" ".md": f"Read docs/{doc}#lifetime and {doc}#lifetime.\n",
    }
    cases = [
        ("a good repository", {}, None),
        ("a missing file", {"b.md": "see docs/MISSING" ".md and DESIGN" ".md\n"}, "which is not in the repository"),
        ("a missing anchor", {"b.md": f"see docs/{doc}#lifetimes\n"}, "has no anchor <a id=\"lifetimes\">"),
        ("a heading slug that is no anchor", {f"docs/{doc}": good[f"docs/{doc}"] + "\n## Old heading\n",
                                              "b.md": f"see docs/{doc}#old-heading\n"}, "has no anchor"),
        ("a missing local anchor", {"b.md": "<a id=\"x\"></a>\nsee [it](#y)\n"}, "links to #y"),
        ("a section number", {"b.md": f"see docs/{doc} section 3\n"}, "cites a section by number"),
        ("a section number on the next comment line",
         {"src/" "B.java": f"/**\n * the lifetime word (see docs/{doc}\n * section 3).\n */\nclass B {{}}\n"},
         "cites a section by number"),
        ("a section sign", {"b.md": f"see {doc}, \u00a7 3\n"}, "cites a section by number"),
        ("a section whose number is on the next comment line",
         {"src/" "E.java": f"/**\n * the port (docs/{doc} section\n * 2), one method per function\n */\nclass E {{}}\n"},
         "cites a section by number"),
    ]
    failures = []
    for what, extra, expected in cases:
        with tempfile.TemporaryDirectory() as repo:
            subprocess.run(["git", "-C", repo, "init", "-q"], check=True)
            files = {**good, **extra}
            for path, content in files.items():
                os.makedirs(os.path.join(repo, os.path.dirname(path)), exist_ok=True)
                with open(os.path.join(repo, path), "w", encoding="utf-8") as out:
                    out.write(content)
            subprocess.run(["git", "-C", repo, "add", "-A"], check=True)
            _, bad = check(repo)
        if expected is None and bad:
            failures.append(f"{what}: failed: {bad}")
        elif expected is not None and not any(expected in b for b in bad):
            failures.append(f"{what}: not refused with '{expected}': {bad}")
    for f in failures:
        print(f"check-citations self-test: {f}")
    print(f"check-citations self-test: {len(cases) - len(failures)} of {len(cases)} cases as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(self_test() if sys.argv[1:] == ["--self-test"] else main())
