/** Where long operations say what they are doing; the CLI prints it, tests keep it quiet. */
export interface Progress {
  step(message: string): void;
  count(what: string, done: number, total: number): void;
  warn(message: string): void;
}

export const silentProgress: Progress = { step() {}, count() {}, warn() {} };

export function streamProgress(stream: NodeJS.WritableStream = process.stderr): Progress {
  const tty = (stream as { isTTY?: boolean }).isTTY === true;
  return {
    step: (message) => stream.write(`• ${message}\n`),
    count: (what, done, total) => {
      if (tty) stream.write(`\r  ${what}: ${done}/${total}${done === total ? '\n' : ''}`);
      else if (done === total) stream.write(`  ${what}: ${done}/${total}\n`);
    },
    warn: (message) => stream.write(`! ${message}\n`),
  };
}
