#!/usr/bin/env bash
# Debian packages the host needs: the Docker engine and Compose v1 (docker.io, docker-compose,
# tini, iptables), debootstrap (base images where no registry answers) and frr (its vtysh checks
# rendered configs with FRR's own parser: `vtysh --dryrun`; its daemons are NOT started here) and wrk.
# Installs what is missing when running as root with apt-get; otherwise says what is missing.
set -euo pipefail

log() { printf 'anycast-lab: %s\n' "$*" >&2; }
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io tini)
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || need+=(docker-compose)
command -v iptables >/dev/null 2>&1 || need+=(iptables)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v vtysh >/dev/null 2>&1 || need+=(frr)
# wrk: the load the benchmarks compare the bot agent against (npm run bench:edge, bench:attack).
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ "${#need[@]}" -gt 0 ] || exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  log "missing on this host: ${need[*]} (install them, or run as root on Debian/Ubuntu to have them installed)"
  exit 0
fi
log "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
# Keep package scripts from starting services (frr, docker) on the host: dockerd is started by
# ensure-engine.sh when needed, FRR only ever runs inside lab containers. The file carries setup's
# marker (orchestrator/src/host/policy-rc.ts): one with the marker is ours, left by a setup that was
# killed, and is replaced and removed; one without is the host's own and is left alone.
policy=${ANYCAST_LAB_POLICY_RC:-/usr/sbin/policy-rc.d}
marker=${ANYCAST_LAB_POLICY_RC_MARKER:?set by orchestrator/src/host/setup.ts}
had_policy=0
if [ -e "$policy" ] && ! grep -qF -- "$marker" "$policy"; then had_policy=1; fi
trap '[ "$had_policy" = 1 ] || rm -f "$policy"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
[ "$had_policy" = 1 ] || { printf '#!/bin/sh\n# %s\nexit 101\n' "$marker" >"$policy"; chmod +x "$policy"; }
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
log "installed: ${need[*]}"
