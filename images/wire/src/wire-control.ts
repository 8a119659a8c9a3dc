import { readFile, rename, writeFile } from 'node:fs/promises';
import { wireParams, type WireParams } from './wire-params.ts';
import type { WireRelay } from './wire-relay.ts';

/**
 * Live control through a file and a signal, so a shell script (lab-impair) can drive it with no
 * client: write `FILE` (JSON: `{ "aToB": {...}, "bToA": {...}, "cut": false }`, any part), send
 * SIGHUP; the relay applies it and writes `FILE.state` (the parameters in force and the counters).
 */
export interface ControlRequest {
  readonly aToB?: Partial<Record<keyof WireParams, unknown>>;
  readonly bToA?: Partial<Record<keyof WireParams, unknown>>;
  readonly cut?: boolean;
}

/** Applies a request; pure apart from the relay it is given. Throws WireParamsError on bad input. */
export function applyControl(relay: WireRelay, request: ControlRequest): void {
  const aToB = request.aToB && wireParams(request.aToB, relay.aToB.params);
  const bToA = request.bToA && wireParams(request.bToA, relay.bToA.params);
  if (aToB) relay.aToB.setParams(aToB);
  if (bToA) relay.bToA.setParams(bToA);
  if (request.cut === true) relay.cut();
  if (request.cut === false) relay.restore();
}

export async function writeState(file: string, relay: WireRelay, error?: string): Promise<void> {
  const body = JSON.stringify({ pid: process.pid, ...relay.stats(), ...(error && { error }) });
  await writeFile(`${file}.state.tmp`, `${body}\n`);
  await rename(`${file}.state.tmp`, `${file}.state`);
}

export function watchControl(file: string, relay: WireRelay): () => void {
  const reload = async (): Promise<void> => {
    let error: string | undefined;
    try {
      applyControl(relay, JSON.parse(await readFile(file, 'utf8')) as ControlRequest);
    } catch (e) {
      error = (e as Error).message;
    }
    await writeState(file, relay, error).catch(() => {});
  };
  const onHup = (): void => void reload();
  process.on('SIGHUP', onHup);
  void writeState(file, relay).catch(() => {});
  return () => process.off('SIGHUP', onHup);
}
