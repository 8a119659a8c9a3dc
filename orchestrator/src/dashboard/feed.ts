import type { LoadPoint, Mark, Snapshot } from './dashboard-api.ts';
import { marksBetween, sameSnapshot } from './dashboard-state.ts';

/** The most marks a feed keeps (the oldest go first): a dashboard left open for days stays small. */
export const MAX_MARKS = 2000;

/** The most load points a feed keeps (one a second at most: ten minutes), so that a page opened late draws the recent past. */
export const MAX_LOAD_POINTS = 600;
const LOAD_POINT_MS = 1000;

export type FeedEvent =
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly type: 'mark'; readonly mark: Mark }
  /** Nothing more will come (a replay played its last frame). */
  | { readonly type: 'end' };

export type FeedListener = (event: FeedEvent) => void;

/**
 * The dashboard's state between its source (a live lab or a replay) and its viewers: the latest
 * snapshot, the marks so far, and whoever listens. Publishing a snapshot derives its marks.
 */
export class Feed {
  #snapshot: Snapshot | undefined;
  readonly #marks: Mark[] = [];
  readonly #loads: LoadPoint[] = [];
  #ended = false;
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
    const last = this.#loads.at(-1);
    if (!last || snapshot.at_ms - last.at_ms >= LOAD_POINT_MS) this.#loads.push({ at_ms: snapshot.at_ms, pops: snapshot.pops });
    if (this.#loads.length > MAX_LOAD_POINTS) this.#loads.splice(0, this.#loads.length - MAX_LOAD_POINTS);
    for (const mark of marks) this.addMark(mark);
    if (!sameSnapshot(previous, snapshot)) this.#emit({ type: 'snapshot', snapshot });
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Says to every listener that nothing more will come. */
  end(): void {
    this.#ended = true;
    this.#emit({ type: 'end' });
  }

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
