#!/usr/bin/env bash
# Installs what check-site.mjs needs: Debian's chromium and a Java runtime (apt),
# then vnu-jar, axe-core, playwright-core and lighthouse at the versions pinned in
# package-lock.json (npm ci). Idempotent: does nothing when all is in place.
#   bash tests/browser/install.sh [--quiet]   (--quiet: print only on failure)
# Never downloads a browser: Playwright uses /usr/bin/chromium.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1
export DEBIAN_FRONTEND=noninteractive PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log() { [[ $QUIET == 1 ]] || echo "install.sh: $*"; }
# run a command; in quiet mode show its output only when it fails
run() {
  if [[ $QUIET == 1 ]]; then
    local out
    if ! out=$("$@" 2>&1); then echo "$out" >&2; echo "install.sh: failed: $*" >&2; return 1; fi
  else
    "$@"
  fi
}
SUDO=()
[[ $(id -u) == 0 ]] || SUDO=(sudo)

# --- Debian packages -----------------------------------------------------------
pkgs=()
[[ -x /usr/bin/chromium ]] || pkgs+=(chromium)
java -version >/dev/null 2>&1 || pkgs+=(default-jre-headless)
if ((${#pkgs[@]})); then
  # apt-get update only when the package lists are missing or older than a day
  if ! find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | grep -q .; then
    log "apt-get update"
    run "${SUDO[@]}" apt-get update -q
  fi
  log "apt-get install ${pkgs[*]}"
  if ! run "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${pkgs[@]}"; then
    log "retrying after apt-get update"
    run "${SUDO[@]}" apt-get update -q
    run "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${pkgs[@]}"
  fi
else
  log "chromium and java already installed"
fi

# --- npm packages (exact versions from package-lock.json) ----------------------
command -v node >/dev/null && command -v npm >/dev/null || { echo "install.sh: node and npm are needed (Node 20+)" >&2; exit 1; }
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || { echo "install.sh: Node 20+ needed, found $(node --version)" >&2; exit 1; }
stamp="$HERE/node_modules/.sablah-install-stamp"
want="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" \
      && -f "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" \
      && -f "$HERE/node_modules/axe-core/axe.min.js" \
      && -f "$HERE/node_modules/playwright-core/package.json" \
      && -f "$HERE/node_modules/lighthouse/package.json" ]]; then
  log "node_modules up to date"
else
  log "npm ci"
  # --ignore-scripts: vnu-jar's postinstall would fetch a JDK if java were missing;
  # we use Debian's java instead. playwright-core has no install script.
  (cd "$HERE" && run npm ci --ignore-scripts --no-audit --no-fund)
  echo "$want" > "$stamp"
fi
if [[ $QUIET == 0 ]]; then
  echo "install.sh: $(/usr/bin/chromium --version 2>/dev/null); $(java -version 2>&1 | head -1); node $(node --version)"
fi
