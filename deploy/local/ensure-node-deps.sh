#!/usr/bin/env bash
# Installs the npm packages when node_modules is missing or package-lock.json changed since the
# last install. Fast (a hash comparison) when everything is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
stamp="node_modules/.rhythm-install-stamp"
want="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node --version)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "✓ npm packages up to date"
  exit 0
fi
command -v node >/dev/null || { echo "✗ node is missing: install Node.js 20 (apt-get install nodejs)" >&2; exit 1; }
echo "▸ installing npm packages (npm ci)…"
start=$(date +%s)
log="$(mktemp)"
if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
  # Registry mirrors that carry only this platform's binaries (e.g. @swc/core-linux-x64-gnu but
  # not the darwin/win32 builds) make `npm ci` refuse the lock file, which lists the other
  # platforms' optional packages without resolving them. `npm install --no-save` installs the
  # same locked versions, skips the unavailable optional ones and leaves the lock untouched.
  if grep -q "from lock file" "$log"; then
    echo "  npm ci refused the lock file (optional packages for other platforms are not on this registry);"
    echo "  installing the locked versions with npm install --no-save instead…"
    npm install --no-save --no-audit --no-fund --loglevel=error
  else
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
fi
rm -f "$log"
echo "$want" > "$stamp"
echo "✓ npm packages installed ($(( $(date +%s) - start ))s)"
