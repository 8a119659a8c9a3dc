#!/usr/bin/env bash
# The browser `npm run test:browser` drives: Debian's chromium (playwright-core brings no browser).
# Installs it when missing, as root with apt-get; otherwise says what to install. Prints its path.
set -euo pipefail

log() { printf 'anycast-lab: %s\n' "$*" >&2; }
found() { command -v chromium || command -v chromium-browser || true; }
path=$(found)
if [ -z "$path" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "no chromium on this host: install Debian's chromium package (or set CHROMIUM to a Chromium binary)"
    exit 1
  fi
  log "installing Debian's chromium for the browser test"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  path=$(found)
fi
printf '%s\n' "$path"
