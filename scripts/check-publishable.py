#!/usr/bin/env python3
"""What `mvn deploy` put into a staging repository, checked against Maven Central's requirements
(all but the signatures) and the licences of what the jars redistribute.

Usage: check-publishable.py STAGING_DIR REPO_ROOT CLI_RUNTIME_CLASSPATH_FILE
Prints one line per problem and exits 1 if there is any; else one summary line, exit 0.

Checked (scripts/check-publishable.sh runs it; README "Use it in your project"):
- exactly the published modules were deployed: the parent pom, winsock4j-binding, winsock4j-cli
  (tests, benchmarks and native-headers are internal: maven.deploy.skip);
- each published pom, with what it inherits from its parent (as Central reads it), has a name,
  description, url, at least one licence (name and url), a developer, and scm connection,
  developerConnection and url;
- each jar module deployed its jar, a -sources jar (with .java files) and a -javadoc jar (with
  index.html); the cli also its runnable -all jar;
- every deployed jar carries META-INF/LICENSE, the repository's LICENSE word for word, and the
  library and cli jars META-INF/NOTICE, the repository's NOTICE;
- the -all jar: its META-INF/NOTICE contains this project's NOTICE and, word for word (spacing
  aside), every NOTICE of every jar it bundles (Apache-2.0 section 4(d)); every other licence or
  notice file a bundled jar carries in META-INF is in it too.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
GROUP = "org.winsock4j"
PUBLISHED = {"winsock4j-parent": "pom", "winsock4j-binding": "jar", "winsock4j-cli": "jar"}
LICENCE_LIKE = re.compile(r"^META-INF/[^/]*(LICENSE|LICENCE|NOTICE|AL2\.0|LGPL)[^/]*$", re.I)


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def text(elem, path):
    found = elem.find(path, NS)
    return found.text.strip() if found is not None and found.text and found.text.strip() else None


def newest(directory, pattern):
    """The newest deployed file of a SNAPSHOT (timestamped names) matching the pattern."""
    files = sorted(directory.glob(pattern))
    return files[-1] if files else None


def main(staging, repo_root, classpath_file):
    problems = []
    base = staging / GROUP.replace(".", "/")
    deployed = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    if set(deployed) != set(PUBLISHED):
        problems.append(f"deployed modules {deployed}, expected exactly {sorted(PUBLISHED)}")

    poms = {}
    for artifact in PUBLISHED:
        pom = newest(base / artifact, "*/*.pom") if (base / artifact).is_dir() else None
        if pom is None:
            problems.append(f"{artifact}: no pom deployed")
            continue
        poms[artifact] = ET.parse(pom).getroot()

    def inherited(artifact, path):
        """The value as Central sees it: the module's own, else its parent's (within this group)."""
        root = poms.get(artifact)
        while root is not None:
            value = root.find(path, NS)
            if value is not None:
                return value
            parent = text(root, "m:parent/m:artifactId")
            root = poms.get(parent) if text(root, "m:parent/m:groupId") == GROUP else None
        return None

    for artifact in poms:
        for field in ("name", "description", "url"):
            node = inherited(artifact, f"m:{field}")
            if node is None or not (node.text or "").strip():
                problems.append(f"{artifact}: pom has no <{field}>")
        licenses = inherited(artifact, "m:licenses")
        if licenses is None or not [l for l in licenses.findall("m:license", NS)
                                    if text(l, "m:name") and text(l, "m:url")]:
            problems.append(f"{artifact}: pom has no <licenses> with a name and url")
        developers = inherited(artifact, "m:developers")
        if developers is None or not developers.findall("m:developer", NS):
            problems.append(f"{artifact}: pom has no <developers>")
        scm = inherited(artifact, "m:scm")
        for field in ("connection", "developerConnection", "url"):
            if scm is None or not text(scm, f"m:{field}"):
                problems.append(f"{artifact}: pom has no <scm><{field}>")

    licence_text = (repo_root / "LICENSE").read_bytes()
    notice_text = (repo_root / "NOTICE").read_text(encoding="utf-8")
    for artifact, packaging in PUBLISHED.items():
        if packaging != "jar" or not (base / artifact).is_dir():
            continue
        version_dir = sorted(p for p in (base / artifact).iterdir() if p.is_dir())[-1]
        classifiers = {"": "main jar", "-sources": "sources jar", "-javadoc": "javadoc jar"}
        if artifact == "winsock4j-cli":
            classifiers["-all"] = "runnable -all jar"
        for classifier, what in classifiers.items():
            jar = newest(version_dir, f"{artifact}-*[0-9]{classifier}.jar")
            if jar is None:
                problems.append(f"{artifact}: no {what} ({artifact}-<version>{classifier}.jar) deployed")
                continue
            with zipfile.ZipFile(jar) as z:
                names = set(z.namelist())
                if classifier == "-sources" and not any(n.endswith(".java") for n in names):
                    problems.append(f"{jar.name}: a sources jar without .java files")
                if classifier == "-javadoc" and "index.html" not in names:
                    problems.append(f"{jar.name}: a javadoc jar without index.html")
                if classifier == "-javadoc":
                    continue
                if "META-INF/LICENSE" not in names:
                    problems.append(f"{jar.name}: no META-INF/LICENSE")
                elif z.read("META-INF/LICENSE") != licence_text:
                    problems.append(f"{jar.name}: META-INF/LICENSE is not the repository's LICENSE")
                notice = z.read("META-INF/NOTICE").decode("utf-8") if "META-INF/NOTICE" in names else None
                if notice is None:
                    problems.append(f"{jar.name}: no META-INF/NOTICE")
                elif squash(notice_text) not in squash(notice):
                    problems.append(f"{jar.name}: META-INF/NOTICE lacks the repository's NOTICE")
                if classifier == "-all" and notice is not None:
                    problems += bundled_notices_missing(jar.name, names, notice, classpath_file)

    if problems:
        for p in problems:
            print(f"check-publishable: {p}")
        return 1
    print(f"check-publishable: {', '.join(sorted(PUBLISHED))} deployable: pom metadata, jar, sources, javadoc, "
          f"LICENSE and NOTICE in every jar, every bundled NOTICE in the -all jar")
    return 0


def bundled_notices_missing(jar_name, names, notice, classpath_file):
    problems = []
    entries = [e for e in classpath_file.read_text(encoding="utf-8").strip().split(":") if e.endswith(".jar")]
    if not entries:
        return [f"{classpath_file}: no bundled jars listed"]
    for dependency in entries:
        with zipfile.ZipFile(dependency) as d:
            for entry in d.namelist():
                if not LICENCE_LIKE.match(entry) or entry == "META-INF/LICENSE":
                    continue
                dep = pathlib.Path(dependency).name
                if pathlib.Path(entry).name.upper() in ("NOTICE", "NOTICE.TXT", "NOTICE.MD"):
                    if squash(d.read(entry).decode("utf-8")) not in squash(notice):
                        problems.append(f"{jar_name}: META-INF/NOTICE lacks the NOTICE of {dep} ({entry})")
                elif entry not in names:
                    problems.append(f"{jar_name}: lacks {entry} of {dep}")
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])))
