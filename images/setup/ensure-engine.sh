#!/usr/bin/env bash
# Make sure a Docker engine answers on this machine.
#   - already answering: nothing to do.
#   - installed but not running: start dockerd in the background (root only).
#   - absent: install Debian's docker.io (and docker-compose) with apt-get when running as root on
#     Debian/Ubuntu, then start it. Anywhere else: say what to install and exit 3.
# Prints one line per action; exit 0 when `docker info` answers.
set -euo pipefail

log() { printf 'anycast-lab: %s\n' "$*" >&2; }
engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_answers; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  log "no Docker engine answers and this is not root: install Docker (https://docs.docker.com/engine/install/) and start it, or add yourself to the docker group."
  exit 3
fi

if ! command -v dockerd >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    log "no Docker engine and no apt-get here: install Docker for this system and start it."
    exit 3
  fi
  log "installing the Docker engine from the distribution's packages (docker.io, docker-compose)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io docker-compose tini iptables >/dev/null
fi

log "starting dockerd in the background (log: /var/log/anycast-lab-dockerd.log)"
nohup dockerd >/var/log/anycast-lab-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if engine_answers; then
    log "Docker engine is up"
    exit 0
  fi
  sleep 0.5
done
log "dockerd did not answer within 30 s; see /var/log/anycast-lab-dockerd.log"
exit 4
