#!/usr/bin/env bash
# scripts/lint-workflows.sh: actionlint over .github/workflows, with shellcheck on every run:
# script (actionlint hands each bash/sh step to shellcheck; the tools and their pins:
# scripts/lint-tools.sh). The caller's SHELLCHECK_OPTS is dropped, so the result does not depend
# on the environment. Self-tests: a job without runs-on and a run: script with an unquoted
# expansion (shellcheck SC2086) must both be rejected, so the lint cannot pass vacuously.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lint-tools.sh
source "$root/scripts/lint-tools.sh"
lint_shellcheck
lint_actionlint
cd "$root"
actionlint() { env -u SHELLCHECK_OPTS "$ACTIONLINT" -shellcheck="$SHELLCHECK" -pyflakes= "$@"; }
workflows=(.github/workflows/*.yml)
actionlint "${workflows[@]}"

bad=$(mktemp -d)
trap 'rm -rf "$bad"' EXIT
cat >"$bad/no-runs-on.yml" <<'YML'
on: push
jobs:
  broken:
    steps:
      - run: echo
YML
if actionlint "$bad/no-runs-on.yml" >/dev/null 2>&1; then
  echo "lint-workflows: self-test FAILED: a workflow without runs-on passed" >&2
  exit 1
fi
cat >"$bad/unquoted.yml" <<'YML'
on: push
jobs:
  unquoted:
    runs-on: ubuntu-latest
    steps:
      - run: rm -r $DIR
YML
if actionlint "$bad/unquoted.yml" >"$bad/unquoted.out" 2>&1 || ! grep -q 'SC2086' "$bad/unquoted.out"; then
  cat "$bad/unquoted.out" >&2
  echo "lint-workflows: self-test FAILED: shellcheck did not reject an unquoted \$DIR in a run: script" >&2
  exit 1
fi
echo "lint-workflows: actionlint $("$ACTIONLINT" -version | head -1) with $("$SHELLCHECK" --version | sed -n 's/^version: /shellcheck /p'): ${#workflows[@]} workflow(s) OK; self-test OK"
