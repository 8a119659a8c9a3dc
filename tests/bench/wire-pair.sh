#!/bin/bash
# Two containers, one link carried by the wire (lab-wire), no lab around them: TUN + relay end to
# end, delay applied, live change, link down. Run under the docker lock:
#   flock /work/docker.lock bash tests/bench/wire-pair.sh [image]
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IMAGE=${1:-anycast-lab/edge:0.1}
P=wirepair
cleanup() { docker rm -f $P-a $P-b >/dev/null 2>&1; docker network rm $P-mgmt $P-link >/dev/null 2>&1; }
trap cleanup EXIT
cleanup
docker network create --subnet 10.250.1.0/24 $P-mgmt >/dev/null
docker network create --subnet 10.250.0.0/29 $P-link >/dev/null
for end in a:2 b:3; do
  n=${end%:*} i=${end#*:}
  docker create --name $P-$n --cap-add NET_ADMIN --cap-add NET_RAW --device /dev/net/tun \
    --network $P-mgmt --ip 10.250.1.$i -e LAB_MGMT_ADDR=10.250.1.$i \
    -v "$ROOT/images/dist/wire.mjs:/opt/anycast-lab/wire.mjs:ro" -v "$ROOT/images/common/lab-wire:/usr/local/bin/lab-wire:ro" -v "$ROOT/images/common/lab-impair:/usr/local/bin/lab-impair:ro" \
    --entrypoint sleep "$IMAGE" infinity >/dev/null
  docker network connect --ip 10.250.0.$i $P-link $P-$n
  docker start $P-$n >/dev/null
done
echo "bridge only:"; docker exec $P-a ping -c 5 -i 0.2 -q 10.250.0.3 | tail -1
docker exec $P-a lab-wire up l1 10.250.0.2/29 10.250.1.3 50 0 0 0
docker exec $P-b lab-wire up l1 10.250.0.3/29 10.250.1.2 50 0 0 0
echo "wire, 50 ms each way:"; docker exec $P-a ping -c 20 -i 0.2 -q 10.250.0.3 | tail -2
docker exec $P-a lab-impair set 10.250.0.2 10 0 0 0
docker exec $P-b lab-impair set 10.250.0.3 10 0 0 0
echo "after lab-impair set 10 ms each way:"; docker exec $P-a ping -c 20 -i 0.2 -q 10.250.0.3 | tail -2
echo "TCP throughput over the wire (delay 10 ms each way):"
docker exec -d $P-b node -e "require('net').createServer(s=>{let n=0;s.on('data',d=>n+=d.length);s.on('end',()=>{s.end(String(n))})}).listen(5001)"
sleep 1
docker exec $P-a node -e "
const s=require('net').connect(5001,'10.250.0.3');const b=Buffer.alloc(65536);const t0=Date.now();let sent=0;
function w(){while(Date.now()-t0<3000){sent+=b.length;if(!s.write(b))return s.once('drain',w)}s.end()}
s.on('connect',w);s.on('data',d=>{const ms=Date.now()-t0;console.log('  '+(Number(d)*8/ms/1000).toFixed(1)+' Mbit/s ('+d+' bytes in '+ms+' ms)')});"
W=$(docker exec $P-a sh -c "ls /run/anycast-lab/wire | sed -n 's/\\.pid$//p'")
docker exec $P-a ip link set $W down; docker exec $P-b ip link set $W down
echo "link down (ip link set down on both TUNs):"; docker exec $P-a ping -c 3 -W 1 -q 10.250.0.3 | tail -2
docker exec $P-a ip link set $W up; docker exec $P-b ip link set $W up
echo "link up again:"; docker exec $P-a ping -c 5 -i 0.2 -q 10.250.0.3 | tail -2
docker exec $P-a cat /run/anycast-lab/wire/$W.json.state
