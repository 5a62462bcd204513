#!/usr/bin/env bash
# scripts/lint-shell.sh: shellcheck over the repository's own shell scripts: every tracked *.sh
# and every tracked file whose first line is a sh or bash shebang (lab/wine-java, .ci/run, ...),
# so a new script is checked without being listed here. All of shellcheck's default checks, at
# every severity (style included); a finding fails. Each script is checked with the files it
# sources (-x, led by its "source=" directives). The caller's SHELLCHECK_OPTS and any rc file
# are ignored, so the result does not depend on the environment. The pinned ShellCheck comes
# from scripts/lint-tools.sh. Self-test: a script with an unquoted expansion (SC2086) must be
# rejected, so the lint cannot pass vacuously.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lint-tools.sh
source "$root/scripts/lint-tools.sh"
lint_shellcheck
cd "$root"
shellcheck() { env -u SHELLCHECK_OPTS "$SHELLCHECK" --norc --external-sources --severity=style --format=gcc "$@"; }

scripts=()
while IFS= read -r -d '' f; do
  if [[ $f == *.sh ]] || head -n1 -- "$f" | grep -qE '^#!.*[/ ](ba)?sh([[:space:]]|$)'; then scripts+=("$f"); fi
done < <(git ls-files -z)
((${#scripts[@]} > 0)) || { echo "lint-shell: no shell scripts found" >&2; exit 1; }

bad=$(mktemp -d)
trap 'rm -rf "$bad"' EXIT
cat >"$bad/unquoted.sh" <<'SH'
#!/usr/bin/env bash
dir=$1
rm -r $dir
SH
if shellcheck "$bad/unquoted.sh" >"$bad/unquoted.out" 2>&1 || ! grep -q 'SC2086' "$bad/unquoted.out"; then
  cat "$bad/unquoted.out" >&2
  echo "lint-shell: self-test FAILED: shellcheck did not reject an unquoted \$dir" >&2
  exit 1
fi

if ! shellcheck "${scripts[@]}"; then
  echo "lint-shell: FAILED: shellcheck findings above (fix them; a '# shellcheck disable=SCnnnn' needs a reason beside it)" >&2
  exit 1
fi
echo "lint-shell: $("$SHELLCHECK" --version | sed -n 's/^version: /shellcheck /p'): ${#scripts[@]} scripts OK; self-test OK"
