#!/usr/bin/env bash
# Self-test of the harness: fixtures/good must pass, fixtures/bad must fail
# with each deliberate defect named.   bash tests/browser/selftest.sh
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pass=0 fail=0
ok()  { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

bash "$HERE/run.sh" "$HERE/fixtures/good" >"$log" 2>&1
code=$?
if ((code == 0)) && grep -q '^browser-checks: [1-9][0-9]* passed, 0 failed$' "$log"; then
  ok "fixtures/good passes"
else
  bad "fixtures/good should pass (exit $code):"; sed 's/^/    /' "$log"
fi

bash "$HERE/run.sh" "$HERE/fixtures/bad" >"$log" 2>&1
code=$?
((code == 1)) && ok "fixtures/bad exits 1" || bad "fixtures/bad should exit 1, got $code"
expect() { # description, extended regexp that some FAIL line must match
  if grep -E "^FAIL .*$2" "$log" >/dev/null; then ok "bad: $1"; else bad "bad: $1 not reported (/$2/)"; fi
}
expect "img without alt (vnu)"          'en/index.html:[0-9]+ \[vnu\] <img .*must have an “alt” attribute'
expect "img without alt (axe)"          'en/index.html \[axe:image-alt\] img '
expect "broken internal link"           '\[links:broken-link\] <a href="/en/no-such-page.html">'
expect "missing fragment"               '\[links:missing-fragment\] <a href="/ar/#no-such-section">.*no id="no-such-section"'
expect "2000px wide element"            '\[overflow-390:horizontal-overflow\] main#main > div.banner .*2000px'
expect "duplicate id"                   '\[vnu\] <p id="about"> -- Duplicate ID “about”'
expect "Google Fonts stylesheet (html)" '\[links:external-resource\] <link rel="stylesheet" href="https://fonts.googleapis.com/'
expect "Google Fonts request (browser)" '\[external:stylesheet\] .*request to another host: https://fonts.googleapis.com/'
if grep -E '^FAIL ar/' "$log" >/dev/null; then bad "bad: ar/index.html is clean but was reported"; else ok "bad: clean ar/index.html not reported"; fi
((fail == 0)) || { echo "--- fixtures/bad output:"; cat "$log"; }
echo "selftest: $pass passed, $fail failed"
((fail == 0))
