export interface Repeating {
  stop(): void;
}

/** Runs `task` every `intervalMs`, never two at once: the next run is timed from the end of the last. */
export function repeatEvery(intervalMs: number, task: () => Promise<void> | void, onError: (error: unknown) => void): Repeating {
  let stopped = false;
  let timer: NodeJS.Timeout;
  const run = async (): Promise<void> => {
    try {
      await task();
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(run, intervalMs);
  };
  timer = setTimeout(run, intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
