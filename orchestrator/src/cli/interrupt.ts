import { streamProgress } from '../progress.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface Interrupt {
  readonly signal: AbortSignal;
  readonly release: () => void;
}

/**
 * Ctrl-C or SIGTERM while something runs: the first one aborts (the caller takes back what it
 * made), a second one exits at once with `leftover`, which says how to clean up.
 */
export function abortOnInterrupt(what: { readonly cleaning: string; readonly leftover: () => string }): Interrupt {
  const controller = new AbortController();
  const progress = streamProgress();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      progress.warn(`stopped at once; ${what.leftover()}`);
      process.exit(130);
    }
    progress.warn(`${name === 'SIGTERM' ? 'terminated' : 'interrupted'}: ${what.cleaning} (Ctrl-C again to stop at once)`);
    controller.abort();
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return { signal: controller.signal, release: () => SIGNALS.forEach((s) => process.off(s, onSignal)) };
}
