import { DeliveryQueue } from './delivery-queue.ts';
import type { WireClock, WireTimer } from './wire-clock.ts';
import type { WireParams } from './wire-params.ts';
import { WireSchedule, type WireCounters } from './wire-schedule.ts';

/**
 * One direction of a wire: packets in, packets out after the schedule says so. Holds packets in a
 * delivery queue and wakes once for the earliest due. `cut()` is link-down: everything waiting is
 * dropped and nothing passes until `restore()`.
 */
export class WirePipe {
  readonly #schedule: WireSchedule;
  readonly #queue = new DeliveryQueue<Uint8Array>();
  readonly #timer: WireTimer;
  #armedAt = Infinity;
  #cut = false;

  constructor(
    params: WireParams,
    private readonly clock: WireClock,
    private readonly output: (packet: Uint8Array) => void,
    random: () => number = Math.random,
  ) {
    this.#schedule = new WireSchedule(params, random);
    this.#timer = clock.timer();
  }

  get params(): WireParams {
    return this.#schedule.params;
  }

  get counters(): Readonly<WireCounters> {
    return this.#schedule.counters;
  }

  get waiting(): number {
    return this.#queue.size;
  }

  get isCut(): boolean {
    return this.#cut;
  }

  setParams(params: WireParams): void {
    this.#schedule.setParams(params);
  }

  send(packet: Uint8Array): void {
    if (this.#cut) return;
    const now = this.clock.nowMs();
    const verdict = this.#schedule.decide(packet.byteLength, now);
    if (!verdict.deliver) return;
    if (verdict.atMs <= now && this.#queue.size === 0) {
      this.output(packet);
      return;
    }
    this.#queue.push(verdict.atMs, packet);
    if (verdict.atMs < this.#armedAt) this.#arm(verdict.atMs);
  }

  cut(): void {
    this.#cut = true;
    this.#queue.clear();
    this.#timer.disarm();
    this.#armedAt = Infinity;
  }

  restore(): void {
    this.#cut = false;
  }

  close(): void {
    this.cut();
  }

  #arm(atMs: number): void {
    this.#armedAt = atMs;
    this.#timer.arm(atMs, () => this.#flush());
  }

  #flush(): void {
    this.#armedAt = Infinity;
    for (const packet of this.#queue.popDue(this.clock.nowMs() + this.clock.earlyMs)) this.output(packet);
    const next = this.#queue.nextAtMs();
    if (next !== undefined) this.#arm(next);
  }
}
