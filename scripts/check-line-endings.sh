#!/usr/bin/env bash
# scripts/check-line-endings.sh: .gitattributes keeps every text file LF on every platform (CRLF
# only for *.cmd and *.bat, which cmd.exe needs; binaries untouched). Fails on:
#   - a tracked file no rule covers (its attributes are none of "text=auto eol=lf", "text
#     eol=crlf", "-text");
#   - a text file stored with CR (i/crlf or i/mixed in `git ls-files --eol`): no checkout fixes it;
#   - a working-tree file whose line ends are not its rule's (e.g. an editor's CRLF);
#   - a checkout made as the Windows runner makes one (core.autocrlf=true): the index is checked
#     out into a scratch directory with that setting, and no LF file there may hold a CR, no
#     CRLF file a bare LF.
# Self-test first, on scratch repositories: without .gitattributes the autocrlf checkout must be
# reported; with this repository's .gitattributes a .sh and a .cmd must pass, and a CRLF edit of
# the .sh must be reported. So the check cannot pass vacuously. Needs only bash and git.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Prints one line per finding for the repository at $1 (its index and working tree).
findings() {
  local repo=$1 entry info path i w attr out=$scratch/checkout-$RANDOM
  local lf_files=() crlf_files=()
  while IFS= read -r -d '' entry; do
    info=${entry%%$'\t'*} path=${entry#*$'\t'}
    read -r i w attr <<<"$info"
    i=${i#i/} w=${w#w/} attr=${attr#attr/}
    case $attr in
      'text=auto eol=lf') lf_files+=("$path") ;;
      'text eol=crlf') crlf_files+=("$path") ;;
      -text) continue ;;
      *) echo "$path: no line-end rule of .gitattributes covers it (attributes: '${attr:-none}')"; lf_files+=("$path") ;;
    esac
    case $i in crlf | mixed) echo "$path: stored with CR line ends (i/$i): git add --renormalize it" ;; esac
    if [[ $attr == 'text eol=crlf' ]]; then
      case $w in lf | mixed) echo "$path: working tree has LF line ends (w/$w), its rule says CRLF" ;; esac
    else
      case $w in crlf | mixed) echo "$path: working tree has CR line ends (w/$w), its rule says LF" ;; esac
    fi
  done < <(git -C "$repo" ls-files --eol -z)
  # The Windows runner's checkout: core.autocrlf=true, which the eol attribute must override.
  mkdir -p "$out"
  git -C "$repo" -c core.autocrlf=true checkout-index --all --force --prefix="$out/"
  if ((${#lf_files[@]})); then
    (cd "$out" && grep -lI $'\r' -- "${lf_files[@]}" 2>/dev/null || true) \
      | sed 's/$/: a checkout with core.autocrlf=true (the Windows runner) has CR in it/'
  fi
  if ((${#crlf_files[@]})); then
    for path in "${crlf_files[@]}"; do
      if grep -qE -- $'(^|[^\r])$' "$out/$path"; then
        echo "$path: a checkout with core.autocrlf=true (the Windows runner) has LF-only lines in it"
      fi
    done
  fi
}

# --- self-test ---------------------------------------------------------------------------------
selftest_failed() { echo "check-line-endings: self-test FAILED: $*" >&2; exit 1; }
scratch_repo() { # DIR: an empty repository that can commit
  git init -q "$1" && git -C "$1" config user.email check@example.invalid && git -C "$1" config user.name check
  git -C "$1" config core.autocrlf false
}
bare=$scratch/no-attributes
scratch_repo "$bare"
printf '#!/usr/bin/env bash\nset -o pipefail\n' >"$bare/run.sh"
git -C "$bare" add run.sh && git -C "$bare" commit -q -m x
got=$(findings "$bare")
grep -q '^run.sh: no line-end rule' <<<"$got" || selftest_failed "a file with no rule was not reported: $got"
grep -q '^run.sh: a checkout with core.autocrlf=true' <<<"$got" || selftest_failed "the autocrlf checkout's CRLF was not reported: $got"

ruled=$scratch/with-attributes
scratch_repo "$ruled"
cp "$root/.gitattributes" "$ruled/"
printf '#!/usr/bin/env bash\nset -o pipefail\n' >"$ruled/run.sh"
printf '@echo off\r\necho hi\r\n' >"$ruled/run.cmd"
git -C "$ruled" add .gitattributes run.sh run.cmd && git -C "$ruled" commit -q -m x
rm "$ruled/run.cmd" && git -C "$ruled" checkout -- run.cmd   # as a checkout writes it
got=$(findings "$ruled")
[[ -z $got ]] || selftest_failed "this repository's .gitattributes let a .sh or a .cmd through wrongly: $got"
printf '#!/usr/bin/env bash\r\nset -o pipefail\r\n' >"$ruled/run.sh"
got=$(findings "$ruled")
grep -q '^run.sh: working tree has CR' <<<"$got" || selftest_failed "a CRLF edit in the working tree was not reported: $got"

# --- this repository ---------------------------------------------------------------------------
got=$(findings "$root")
if [[ -n $got ]]; then
  echo "$got" >&2
  echo "check-line-endings: FAILED: $(wc -l <<<"$got") finding(s) (rules: .gitattributes)" >&2
  exit 1
fi
echo "check-line-endings: $(git -C "$root" ls-files | wc -l) tracked files: LF where .gitattributes says LF, also in a checkout with core.autocrlf=true; self-test OK"
