/** One JSON object per line on stdout: what happened (`event`), on which node, and why. */
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

export function createJsonLogger(node: string, write: (line: string) => void): Logger {
  return {
    log(level, event, fields = {}) {
      write(JSON.stringify({ time: new Date().toISOString(), level, node, event, ...fields }) + '\n');
    },
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
