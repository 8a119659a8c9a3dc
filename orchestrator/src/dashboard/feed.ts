import type { LoadPoint, Mark, Snapshot } from './dashboard-api.ts';
import { marksBetween, sameSnapshot } from './dashboard-state.ts';

/** The most marks a feed keeps (the oldest go first): a dashboard left open for days stays small. */
export const MAX_MARKS = 2000;

/** The most load points a feed keeps, so that a page opened late draws the recent past. */
export const MAX_LOAD_POINTS = 600;

export type FeedEvent = { readonly type: 'snapshot'; readonly snapshot: Snapshot } | { readonly type: 'mark'; readonly mark: Mark };

export type FeedListener = (event: FeedEvent) => void;

/**
 * The dashboard's state between its source (a live lab or a replay) and its viewers: the latest
 * snapshot, the marks so far, and whoever listens. Publishing a snapshot derives its marks.
 */
export class Feed {
  #snapshot: Snapshot | undefined;
  readonly #marks: Mark[] = [];
  readonly #loads: LoadPoint[] = [];
  readonly #listeners = new Set<FeedListener>();

  get snapshot(): Snapshot | undefined {
    return this.#snapshot;
  }

  get marks(): readonly Mark[] {
    return this.#marks;
  }

  /** Per-PoP load of the latest snapshots, oldest first. */
  get loads(): readonly LoadPoint[] {
    return this.#loads;
  }

  /** Records a snapshot; listeners hear its marks, then the snapshot unless nothing but its time changed. */
  publish(snapshot: Snapshot): void {
    const previous = this.#snapshot;
    const marks = marksBetween(previous, snapshot, this.#marks);
    this.#snapshot = snapshot;
    this.#loads.push({ at_ms: snapshot.at_ms, pops: snapshot.pops });
    if (this.#loads.length > MAX_LOAD_POINTS) this.#loads.splice(0, this.#loads.length - MAX_LOAD_POINTS);
    for (const mark of marks) this.addMark(mark);
    if (!sameSnapshot(previous, snapshot)) this.#emit({ type: 'snapshot', snapshot });
  }

  /** A mark that no snapshot shows (e.g. a button pressed, an action refused). */
  addMark(mark: Mark): void {
    this.#marks.push(mark);
    if (this.#marks.length > MAX_MARKS) this.#marks.splice(0, this.#marks.length - MAX_MARKS);
    this.#emit({ type: 'mark', mark });
  }

  /** Listens until the returned function is called. */
  listen(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: FeedEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
