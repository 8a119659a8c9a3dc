import type { Snapshot } from './dashboard-api.ts';
import type { Feed } from './feed.ts';

/** Plays precomputed snapshots into a feed at their own pace (times `speed`), once, then ends the feed; stop() ends it early. */
export class ReplayFeed {
  readonly #frames: readonly Snapshot[];
  readonly #feed: Feed;
  readonly #speed: number;
  #timer: NodeJS.Timeout | undefined;
  #next = 0;

  constructor(frames: readonly Snapshot[], feed: Feed, speed = 1) {
    this.#frames = frames;
    this.#feed = feed;
    this.#speed = speed;
  }

  start(): void {
    this.#play();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #play(): void {
    const frame = this.#frames[this.#next];
    if (!frame) return;
    this.#feed.publish(frame);
    this.#next += 1;
    const following = this.#frames[this.#next];
    if (following) this.#timer = setTimeout(() => this.#play(), Math.max(0, (following.at_ms - frame.at_ms) / this.#speed));
    else this.#feed.end();
  }
}
