#!/usr/bin/env bash
# scripts/lint-workflows.sh: actionlint over .github/workflows (installed from the Go module
# proxy into the lab cache, pinned).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=v1.7.12
bin=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}/actionlint-$version
if [[ ! -x $bin/actionlint ]]; then
  command -v go >/dev/null || { echo "lint-workflows: go is needed to install actionlint" >&2; exit 1; }
  GOBIN=$bin GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi
cd "$root"
"$bin/actionlint" -shellcheck= -pyflakes= .github/workflows/*.yml
# Self-test: a job with no runs-on must be rejected, so the lint cannot pass vacuously.
bad=$(mktemp -d)
trap 'rm -rf "$bad"' EXIT
printf 'on: push\njobs:\n  broken:\n    steps:\n      - run: echo\n' > "$bad/bad.yml"
if "$bin/actionlint" -shellcheck= -pyflakes= "$bad/bad.yml" >/dev/null 2>&1; then
  echo "lint-workflows: self-test FAILED: a workflow without runs-on passed" >&2
  exit 1
fi
echo "lint-workflows: actionlint $version: $(ls .github/workflows/*.yml | wc -l) workflow(s) OK; self-test OK"
