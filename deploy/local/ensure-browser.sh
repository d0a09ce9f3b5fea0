#!/usr/bin/env bash
# Makes sure the browser the console's browser tests and `npm run bench:console` drive is here:
# Debian's Chromium (and a font, so pages lay out and screenshots show text), installed with apt
# like PostgreSQL. Fast (one file test) when it is already installed. CHROMIUM_PATH names another
# Chromium or Chrome binary to use instead; nothing is installed then.
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "$CHROMIUM_PATH" ]] || { echo "✗ CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2; exit 1; }
  echo "✓ browser: $CHROMIUM_PATH (CHROMIUM_PATH)"
  exit 0
fi

chromium=/usr/bin/chromium
# A font: without one Chromium draws no text (blank screenshots, empty accessible names in axe).
fonts=(fonts-dejavu-core)
have_font() { [[ -d /usr/share/fonts/truetype/dejavu ]] || fc-list 2>/dev/null | grep -q .; }

if [[ -x "$chromium" ]] && have_font; then
  echo "✓ browser: $("$chromium" --version 2>/dev/null || echo "$chromium")"
  exit 0
fi

missing=()
[[ -x "$chromium" ]] || missing+=(chromium)
have_font || missing+=("${fonts[@]}")
if ! command -v apt-get >/dev/null; then
  echo "✗ the browser tests need Debian's Chromium (${missing[*]} missing) and apt-get is not here:" >&2
  echo "  install Chromium yourself and set CHROMIUM_PATH to its binary." >&2
  exit 1
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "✗ the browser tests need ${missing[*]}; installing needs root:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "  (or set CHROMIUM_PATH to a Chromium or Chrome binary)" >&2
  exit 1
fi

echo "▸ installing ${missing[*]} with apt-get (a few minutes the first time)…"
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# The package lists may be missing on a fresh image (apt-get update is idempotent).
if ! apt-cache show chromium >/dev/null 2>&1; then
  apt-get update
fi
apt-get install -y --no-install-recommends "${missing[@]}"
[[ -x "$chromium" ]] || { echo "✗ apt-get finished but $chromium is still missing" >&2; exit 1; }
echo "✓ browser: $("$chromium" --version 2>/dev/null) ($(( $(date +%s) - start ))s)"
