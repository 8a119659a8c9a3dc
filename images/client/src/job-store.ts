/** Jobs by id, bounded: at most `maxRunning` at once, and the oldest finished ones are forgotten. */
export class JobStore<T extends { readonly done: boolean }> {
  private readonly jobs = new Map<string, T>();
  private counter = 0;
  private readonly prefix: string;
  private readonly maxRunning: number;
  private readonly maxKept: number;

  constructor(prefix: string, maxRunning: number, maxKept: number) {
    this.prefix = prefix;
    this.maxRunning = maxRunning;
    this.maxKept = maxKept;
  }

  /** Starts a job under a new id; undefined when `maxRunning` are already running. */
  add(start: () => T): { id: string; job: T } | undefined {
    if (this.running().length >= this.maxRunning) return undefined;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size < this.maxKept) break;
      if (job.done) this.jobs.delete(id);
    }
    const id = `${this.prefix}-${++this.counter}`;
    const job = start();
    this.jobs.set(id, job);
    return { id, job };
  }

  get(id: string): T | undefined {
    return this.jobs.get(id);
  }

  running(): T[] {
    return [...this.jobs.values()].filter((job) => !job.done);
  }
}
