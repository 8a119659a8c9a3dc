/**
 * The wire: a userspace link for kernels without netem (docs/wire.md). `wire udp` relays between
 * two UDP ends (tests, bench); `wire tun` carries one end of a lab link between a TUN device and
 * the far end's relay over UDP.
 */
import { openTunPort, openUdpPort } from './packet-ports.ts';
import { parseWireArgs, type WireCommand } from './wire-args.ts';
import { watchControl } from './wire-control.ts';
import { startRelay, type WireRelay } from './wire-relay.ts';

function commandOrExit(): WireCommand {
  try {
    return parseWireArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

async function start(command: WireCommand): Promise<WireRelay> {
  if (command.mode === 'udp') {
    const a = await openUdpPort(command.a, command.aPeer);
    const b = await openUdpPort(command.b, command.bPeer);
    console.log(`wire udp ${a.address.host}:${a.address.port} <-> ${b.address.host}:${b.address.port}`);
    return startRelay({ a, b, aToB: command.aToB, bToA: command.bToA });
  }
  const b = await openUdpPort(command.listen, command.peer);
  const a = openTunPort(command.fd);
  console.log(`wire tun fd ${command.fd} <-> ${command.peer.host}:${command.peer.port} (listening on ${b.address.port})`);
  return startRelay({ a, b, aToB: command.aToB, bToA: command.bToA });
}

const command = commandOrExit();
const relay = await start(command);
if (command.control) watchControl(command.control, relay);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void relay.close().finally(() => process.exit(0)));
}
