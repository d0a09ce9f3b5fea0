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
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
echo "✓ npm packages installed ($(( $(date +%s) - start ))s)"
