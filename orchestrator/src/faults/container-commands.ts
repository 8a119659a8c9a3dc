import type { Impairment } from '../model/types.ts';

/**
 * The commands faults run inside lab containers, as argv. Interfaces are found by their address
 * (never by ethN order). Scripts print `@effective <epoch ms>` just before the change itself, so
 * that the fault's time is on the lab's one clock, not the time `docker exec` was asked for.
 */

/** iptables chains that hold the DROP rules of a fault: one per purpose, so that heal never lifts a crash. */
export const CUT_CHAINS = { crash: 'LAB-CRASH', partition: 'LAB-PARTITION' } as const;
export type CutChain = (typeof CUT_CHAINS)[keyof typeof CUT_CHAINS];

const DEV_OF = `dev_of() { ip -o -4 addr show | awk -v a="$1" '{ split($4, p, "/"); if (p[1] == a) { print $2; exit } }'; }`;
const EFFECTIVE = 'echo "@effective $(date +%s%3N)"';

/**
 * DROP everything in and out of the interfaces holding the addresses (one iptables-restore, so
 * that every interface goes dark at once). A rule per interface and fault: two faults on the same
 * interface add it twice, and each revert takes one away.
 */
const CUT = `set -eu
${DEV_OF}
chain=$1; shift
rules=""
for a in "$@"; do
  d=$(dev_of "$a"); [ -n "$d" ] || { echo "no interface holds $a" >&2; exit 2; }
  rules="$rules-A $chain -i $d -j DROP
-A $chain -o $d -j DROP
"
done
iptables -N "$chain" 2>/dev/null || true
for hook in INPUT FORWARD OUTPUT; do iptables -C "$hook" -j "$chain" 2>/dev/null || iptables -I "$hook" -j "$chain"; done
${EFFECTIVE}
printf '*filter\\n%sCOMMIT\\n' "$rules" | iptables-restore --noflush`;

/** Takes one cut of each interface back; the chain goes when it is empty. No addresses: every cut. */
const UNCUT = `set -u
${DEV_OF}
chain=$1; shift
${EFFECTIVE}
if [ $# -eq 0 ]; then iptables -F "$chain" 2>/dev/null || true; fi
for a in "$@"; do
  d=$(dev_of "$a"); [ -n "$d" ] || continue
  iptables -D "$chain" -i "$d" -j DROP 2>/dev/null || true
  iptables -D "$chain" -o "$d" -j DROP 2>/dev/null || true
done
if [ "$(iptables -S "$chain" 2>/dev/null | wc -l)" -le 1 ]; then
  for hook in INPUT FORWARD OUTPUT; do while iptables -D "$hook" -j "$chain" 2>/dev/null; do :; done; done
  iptables -X "$chain" 2>/dev/null || true
fi`;

/** Sets the interface down or up; up also restores a host's default route through it (lost when it went down). */
const LINK_STATE = `set -eu
${DEV_OF}
state=$1 addr=$2 via=\${3:-}
dev=$(dev_of "$addr"); [ -n "$dev" ] || { echo "no interface holds $addr" >&2; exit 2; }
${EFFECTIVE}
ip link set dev "$dev" "$state"
if [ -n "$via" ]; then ip route replace default via "$via"; fi`;

/** Runs the rest of argv, printing the time it starts: for commands that do not print their own. */
const TIMED = `${EFFECTIVE}
exec "$@"`;

function script(body: string, name: string, args: readonly string[]): string[] {
  return ['bash', '-c', body, name, ...args];
}

export function cutArgv(chain: CutChain, addresses: readonly string[]): string[] {
  return script(CUT, 'lab-cut', [chain, ...addresses]);
}

/** Without addresses: every cut this chain holds on the node. */
export function uncutArgv(chain: CutChain, addresses: readonly string[] = []): string[] {
  return script(UNCUT, 'lab-uncut', [chain, ...addresses]);
}

export function linkStateArgv(state: 'up' | 'down', address: string, defaultVia?: string): string[] {
  return script(LINK_STATE, 'lab-link', [state, address, ...(defaultVia === undefined ? [] : [defaultVia])]);
}

/**
 * vtysh in configuration mode, one `-c` per line, then (in the same session) commands outside it
 * such as `clear bgp ... soft out`; the exit code says whether FRR took them all.
 */
export function vtyshConfigArgv(lines: readonly string[], after: readonly string[] = []): string[] {
  return script(TIMED, 'lab-timed', ['vtysh', ...['configure terminal', ...lines, 'end', ...after].flatMap((line) => ['-c', line])]);
}

/** A vtysh command outside configuration mode (e.g. `clear bgp *`). */
export function vtyshArgv(command: string): string[] {
  return script(TIMED, 'lab-timed', ['vtysh', '-c', command]);
}

/** lab-impair (images/common): egress impairment of the interface holding the address. */
export function impairArgv(address: string, impairment: Impairment): string[] {
  const { delayMs = 0, jitterMs = 0, lossPercent = 0, rateKbit = 0 } = impairment;
  return script(TIMED, 'lab-timed', ['lab-impair', 'set', address, ...[delayMs, jitterMs, lossPercent, rateKbit].map(String)]);
}

export function clearImpairmentArgv(address: string): string[] {
  return script(TIMED, 'lab-timed', ['lab-impair', 'clear', address]);
}

/** The last `@effective` time a command printed, if any. */
export function effectiveTime(stdout: string): number | undefined {
  const times = [...stdout.matchAll(/^@effective (\d+)$/gm)].map((m) => Number(m[1]));
  return times.at(-1);
}
