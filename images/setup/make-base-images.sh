#!/usr/bin/env bash
# Provide the two base images the Dockerfiles start FROM, under their conventional tags:
#   debian:bookworm-slim     and     node:20-bookworm-slim
# A tag already present is kept. Otherwise a pull is tried; where no registry answers, the image is
# made here: debootstrap --variant=minbase bookworm, imported as debian:bookworm-slim; the node
# image adds this host's own Node 20 binary at /usr/local/bin/node (where the official image has it).
# Needs root for debootstrap. Prints one line per action.
set -euo pipefail

log() { printf 'anycast-lab: %s\n' "$*" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
try_pull() { timeout 60 docker pull -q "$1" >/dev/null 2>&1; }

DEBIAN_TAG=debian:bookworm-slim
NODE_TAG=node:20-bookworm-slim
WORK=${ANYCAST_LAB_BASE_WORKDIR:-/var/tmp/anycast-lab-base}

make_debian() {
  command -v debootstrap >/dev/null 2>&1 || {
    [ "$(id -u)" = 0 ] || { log "debootstrap is missing and this is not root: install it, or pull $DEBIAN_TAG"; exit 3; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  log "no registry answers for $DEBIAN_TAG: building it with debootstrap (about 30 s)"
  rm -rf "$WORK/rootfs"
  mkdir -p "$WORK"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" >"$WORK/debootstrap.log" 2>&1 || {
    log "debootstrap failed; see $WORK/debootstrap.log"; exit 4; }
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  tar -C "$WORK/rootfs" -c . | docker import -c 'CMD ["bash"]' - "$DEBIAN_TAG" >/dev/null
  rm -rf "$WORK/rootfs"
}

make_node() {
  local node_bin major
  node_bin=$(command -v node) || { log "no node on this host to put into $NODE_TAG"; exit 3; }
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" = 20 ] || log "warning: this host's Node is $major, tagging it as $NODE_TAG anyway"
  log "no registry answers for $NODE_TAG: making it from $DEBIAN_TAG and this host's $node_bin"
  rm -rf "$WORK/node" && mkdir -p "$WORK/node"
  cp "$node_bin" "$WORK/node/node"
  printf 'FROM %s\nCOPY node /usr/local/bin/node\nCMD ["node"]\n' "$DEBIAN_TAG" >"$WORK/node/Dockerfile"
  docker build -q -t "$NODE_TAG" "$WORK/node" >/dev/null
  rm -rf "$WORK/node"
}

have_image "$DEBIAN_TAG" || try_pull "$DEBIAN_TAG" || make_debian
have_image "$NODE_TAG" || try_pull "$NODE_TAG" || make_node
log "base images ready: $DEBIAN_TAG, $NODE_TAG"
