import { execa } from 'execa';
import { Agent } from 'node:http';
import { httpGet } from './http.ts';

export interface LoadResult {
  readonly requests: number;
  readonly p99Ms: number | undefined;
}

/** wrk for `seconds` with `connections` (bounded by -d); `prefix` runs it elsewhere (`ip netns exec NS`). */
export async function wrkLoad(url: string, seconds: number, connections: number, options: { closeEach?: boolean; prefix?: readonly string[] } = {}): Promise<LoadResult> {
  const close = options.closeEach ? ['-H', 'Connection: close'] : [];
  const argv = [...(options.prefix ?? []), 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...close, url];
  const { stdout } = await execa(argv[0]!, argv.slice(1), { reject: false });
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)$/m.exec(stdout);
  const scale = { us: 0.001, ms: 1, s: 1000 } as const;
  return { requests, p99Ms: p99 ? Number(p99[1]) * scale[p99[2] as keyof typeof scale] : undefined };
}

/** The fallback when wrk is missing: `connections` request loops for `seconds`, in this process. */
export async function nodeLoad(url: string, seconds: number, connections: number, closeEach: boolean): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: !closeEach, maxSockets: connections });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const ok = await httpGet(url, agent).then(() => true, () => false);
        if (ok) latencies.push(performance.now() - started);
      }
    }),
  );
  agent.destroy();
  latencies.sort((x, y) => x - y);
  return { requests: latencies.length, p99Ms: latencies[Math.floor(latencies.length * 0.99)] };
}
