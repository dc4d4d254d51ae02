#!/usr/bin/env bash
# Runs the browser/HTML checks on one or more built site folders.
#   bash tests/browser/run.sh [--sample N] SITE_DIR...
# Installs what is missing first (quietly when all is there), then runs
# check-site.mjs on each folder; exits 1 if any folder fails.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
opts=() dirs=()
while (($#)); do
  case "$1" in
    --sample) opts+=("$1" "${2:-}"); shift 2 || shift ;;
    --sample=*) opts+=("$1"); shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) dirs+=("$1"); shift ;;
  esac
done
((${#dirs[@]})) || { echo "usage: run.sh [--sample N] SITE_DIR..." >&2; exit 2; }

bash "$HERE/install.sh" --quiet || { echo "run.sh: install.sh failed" >&2; exit 1; }

rc=0 total_pass=0 total_fail=0
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for d in "${dirs[@]}"; do
  echo "== browser checks: $d"
  node "$HERE/check-site.mjs" "$d" "${opts[@]}" | tee "$out"
  code=${PIPESTATUS[0]}
  ((code == 0)) || rc=1
  line="$(grep -E '^browser-checks: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)"
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    total_pass=$((total_pass + BASH_REMATCH[1])) total_fail=$((total_fail + BASH_REMATCH[2]))
  else
    total_fail=$((total_fail + 1)) # crashed before its summary
    rc=1
  fi
done
if ((${#dirs[@]} > 1)); then
  echo "== total over ${#dirs[@]} sites"
  echo "browser-checks: $total_pass passed, $total_fail failed"
fi
exit $rc
