import { BoundedMap } from './bounded-map.ts';

export interface BlockSettings {
  readonly capacity: number;
  /** First block lasts this long; each repeat offence doubles it, up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** How long a past offence still counts towards the next block's length. */
  readonly memoryMs: number;
}

export interface Block {
  readonly key: string;
  readonly reason: string;
  readonly sinceMs: number;
  readonly untilMs: number;
  readonly offences: number;
}

interface Offence {
  count: number;
  lastMs: number;
}

/** Temporary blocks of sources or prefixes, each with an expiry, in bounded memory. */
export class BlockList {
  readonly #settings: BlockSettings;
  readonly #blocks: BoundedMap<string, Block>;
  readonly #offences: BoundedMap<string, Offence>;

  constructor(settings: BlockSettings) {
    this.#settings = settings;
    this.#blocks = new BoundedMap(settings.capacity);
    this.#offences = new BoundedMap(settings.capacity);
  }

  get size(): number {
    return this.#blocks.size;
  }

  block(key: string, reason: string, nowMs: number): Block {
    const past = this.#offences.get(key);
    const offences = past && nowMs - past.lastMs <= this.#settings.memoryMs ? past.count + 1 : 1;
    this.#offences.set(key, { count: offences, lastMs: nowMs });
    const durationMs = Math.min(this.#settings.maxMs, this.#settings.baseMs * 2 ** (offences - 1));
    const block: Block = { key, reason, sinceMs: nowMs, untilMs: nowMs + durationMs, offences };
    this.#blocks.set(key, block);
    return block;
  }

  /**
   * A block learned elsewhere (a peer in the PoP): it lasts `durationMs` (at most `maxMs`), counts
   * no offence here, and never shortens a longer block in place; undefined when it changes nothing.
   */
  adopt(key: string, reason: string, nowMs: number, durationMs: number): Block | undefined {
    const current = this.#blocks.get(key);
    const untilMs = nowMs + Math.min(durationMs, this.#settings.maxMs);
    if (current && current.untilMs >= untilMs) return undefined;
    const block: Block = { key, reason, sinceMs: nowMs, untilMs, offences: current?.offences ?? 0 };
    this.#blocks.set(key, block);
    return block;
  }

  isBlocked(key: string, nowMs: number): boolean {
    const block = this.#blocks.get(key);
    if (!block) return false;
    if (block.untilMs > nowMs) return true;
    this.#blocks.delete(key);
    return false;
  }

  /** Drops expired blocks and returns them. */
  expire(nowMs: number): Block[] {
    const expired: Block[] = [];
    for (const [, block] of this.#blocks.entries()) if (block.untilMs <= nowMs) expired.push(block);
    for (const block of expired) this.#blocks.delete(block.key);
    return expired;
  }

  list(): Block[] {
    return Array.from(this.#blocks.entries(), ([, block]) => block);
  }
}
