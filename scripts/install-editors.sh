#!/usr/bin/env bash
# Installs the real LSP clients that test/editors/ drives, from Debian's packages:
#   neovim  -> nvim (0.7.2 on bookworm), for test/editors/neovim.test.ts
#   emacs   -> emacs-nox + elpa-eglot (Emacs 28.2, Eglot 1.9), for test/editors/emacs.test.ts
# Usage: scripts/install-editors.sh [neovim] [emacs]   (default: both)
# Idempotent: an editor whose command is already on PATH is skipped, and apt-get runs only when something is
# missing (`apt-get update` once, then one `apt-get install`). Runs as root, as on CI (no sudo).
set -euo pipefail

editors=("$@")
[ ${#editors[@]} -gt 0 ] || editors=(neovim emacs)

packages=()
for editor in "${editors[@]}"; do
  case "$editor" in
    neovim | nvim)
      if command -v nvim >/dev/null 2>&1; then
        echo "install-editors: nvim already installed ($(nvim --version | head -n 1))"
      else
        packages+=(neovim)
      fi
      ;;
    emacs)
      if command -v emacs >/dev/null 2>&1 && emacs --batch --eval '(kill-emacs (if (locate-library "eglot") 0 1))' 2>/dev/null; then
        echo "install-editors: emacs with eglot already installed ($(emacs --version | head -n 1))"
      else
        packages+=(emacs-nox elpa-eglot)
      fi
      ;;
    *)
      echo "install-editors: unknown editor '$editor' (expected: neovim, emacs)" >&2
      exit 2
      ;;
  esac
done

[ ${#packages[@]} -gt 0 ] || exit 0

export DEBIAN_FRONTEND=noninteractive
echo "install-editors: apt-get install ${packages[*]}"
apt-get update -q
apt-get install -y -q --no-install-recommends "${packages[@]}"
command -v nvim >/dev/null 2>&1 && echo "install-editors: $(nvim --version | head -n 1)"
command -v emacs >/dev/null 2>&1 && echo "install-editors: $(emacs --version | head -n 1)"
exit 0
