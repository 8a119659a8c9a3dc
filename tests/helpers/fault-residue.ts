import { inParallel } from '../../orchestrator/src/lab/parallel.ts';
import type { AddressPlan } from '../../orchestrator/src/plan/types.ts';
import { containerName } from '../../orchestrator/src/render/resource-names.ts';
import { LABEL } from '../../contracts/labels.ts';
import type { ContainerRuntime } from '../../orchestrator/src/runtime/runtime.ts';

/**
 * What a fault could leave behind in a lab whose topology asks for no impairment: a container not
 * running, a data interface down, a qdisc other than the default, an iptables chain of ours, a
 * neighbour shut, GSHUT on, a prefix-list or route-map of ours (`LAB-`). One line per finding; none when the lab is as it was made.
 */
export async function findFaultResidue(runtime: ContainerRuntime, plan: AddressPlan): Promise<string[]> {
  const found: string[] = [];
  const containers = await runtime.listContainers({ [LABEL.lab]: plan.lab });
  await inParallel(plan.nodes, 6, async (node) => {
    const name = containerName(plan.lab, node.name);
    const state = containers.find((c) => c.name === name)?.state ?? 'missing';
    if (state !== 'running') {
      found.push(`${node.name}: ${state}`);
      return;
    }
    const script = [
      // Administratively down (no UP flag), except a bridge interface whose address a wire's TUN took (docs/wire.md).
      "skip=\" $(ls /run/anycast-lab/wire 2>/dev/null | sed -n 's/^w\\([0-9]*\\)\\.pid$/eth\\1/p' | tr '\\n' ' ')\"; " +
        "ip -o link show | awk -v skip=\"$skip\" '{ d = $2; sub(/@.*/, \"\", d); sub(/:$/, \"\", d) } d != \"lo\" && index(skip, \" \" d \" \") == 0 && $3 !~ /[<,]UP[,>]/ { print \"link down: \" d }'",
      "tc qdisc show | awk '$2 != \"noqueue\" && $2 != \"mq\" && $2 != \"pfifo_fast\" { print \"qdisc: \" $0 }'",
      "iptables -S | awk '/LAB-/ { print \"iptables: \" $0 }'",
      ...(node.asn === undefined ? [] : ["vtysh -c 'show running-config' | awk '/neighbor .* shutdown$|^ *bgp graceful-shutdown$|LAB-/ { print \"frr: \" $0 }'"]),
    ].join('; ');
    const result = await runtime.exec(name, ['bash', '-c', script], { timeoutMs: 20_000 });
    for (const line of result.stdout.split('\n').filter(Boolean)) found.push(`${node.name}: ${line.trim()}`);
  });
  return found.sort();
}
