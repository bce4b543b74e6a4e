#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests: code-server (VS Code 1.100.3,
# from npm) into .e2e/ (git-ignored), plus Debian's Chromium to drive its web
# workbench. Idempotent: does nothing when both are already there.
# Runs as root (CI and developer machines here); uses sudo only when not root.
# Follows /work/shared/HOSTS.md.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep's postinstall looks for this cache directory name.
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="$ROOT/.e2e"
START=$SECONDS

log() { printf '[install-host] %s\n' "$*"; }
# Read from package.json: `code-server --version` writes a config into ~/.config.
cs_version() { node -p "require('$E2E/node_modules/code-server/package.json').version"; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    log "not root and no sudo: cannot install apt packages"; exit 1
  fi
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  log "apt packages already installed: ${APT_PACKAGES[*]}"
else
  log "installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ -x "$E2E/node_modules/.bin/code-server" ]; then
  log "code-server $(cs_version) already installed in $E2E"
else
  log "installing code-server@$CODE_SERVER_VERSION into $E2E (about 1.5 minutes, 300 MB)"
  mkdir -p "$E2E/tmp"
  # @vscode/ripgrep's postinstall downloads ripgrep from GitHub, which is not
  # reachable here; it uses a cached tarball instead when one is present, so
  # build that tarball from Debian's rg.
  export TMPDIR="$E2E/tmp"
  cache="$TMPDIR/$RIPGREP_CACHE"
  if [ ! -f "$cache/$RIPGREP_TARBALL" ]; then
    log "seeding the ripgrep download cache from $(command -v rg)"
    mkdir -p "$cache/rg"
    cp "$(command -v rg)" "$cache/rg/rg"
    tar czf "$cache/$RIPGREP_TARBALL" -C "$cache/rg" rg
  fi
  # Its own package.json, so npm never walks up into the project's.
  [ -f "$E2E/package.json" ] || echo '{ "name": "flaglens-e2e-host", "private": true }' > "$E2E/package.json"
  # unsafe_perm: install scripts must run as root; yes: node-pty runs `npx node-gyp`.
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
    npm install --prefix "$E2E" "code-server@$CODE_SERVER_VERSION" --foreground-scripts
  log "installed code-server $(cs_version)"
fi

[ -x /usr/bin/chromium ] || { log "/usr/bin/chromium is missing after install"; exit 1; }
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
log "done in $((SECONDS - START)) s"
