import {
  assessWindow,
  initialDetectorState,
  type DetectorSettings,
  type DetectorState,
  type MitigationLevel,
  type PerLevel,
} from './attack-detector.ts';
import type { BlockView, MitigationSnapshot, UserSpaceCounters } from '../../../contracts/edge-admin.ts';
import { BlockList, type Block, type BlockSettings } from './block-list.ts';
import type { SharedBlock } from './peer-blocks.ts';
import { SourceLimiter, type LimiterSettings } from './source-limiter.ts';
import { sourcePrefix } from './source-prefix.ts';

export interface DefenseSettings {
  readonly limiter: LimiterSettings;
  /** Multipliers applied to the source and prefix limits at each level. */
  readonly sourceScale: PerLevel;
  readonly prefixScale: PerLevel;
  readonly sourceBlocks: BlockSettings;
  readonly prefixBlocks: BlockSettings;
  readonly detector: DetectorSettings;
  readonly maxConnectionsPerSource: number;
  /** Length of a detection window: how often `tick` runs. */
  readonly windowMs: number;
}

export type RequestVerdict = 'allow' | 'blocked' | 'source-limited' | 'prefix-limited';
export type ConnectionVerdict = 'allow' | 'blocked' | 'connection-limited';

export interface TickReport {
  readonly levelBefore: MitigationLevel;
  readonly level: MitigationLevel;
  readonly anomaly: string | undefined;
  readonly addedSources: readonly Block[];
  readonly addedPrefixes: readonly Block[];
  readonly expired: readonly Block[];
}

export type { MitigationSnapshot } from '../../../contracts/edge-admin.ts';

/** The snapshot of the policy in the process; the edge adds the kernel filter's view. */
export type PolicySnapshot = Omit<MitigationSnapshot, 'kernel' | 'sharing'>;

const LEVEL_NAMES = ['normal', 'elevated', 'severe'] as const;

/**
 * The local DDoS defense of one edge: blocks, per-source and per-prefix limits and the detector
 * that escalates and relaxes them. Admission calls are on the hot path and stay O(1).
 */
export class Mitigation {
  readonly #settings: DefenseSettings;
  readonly #limiter: SourceLimiter;
  readonly #sourceBlocks: BlockList;
  readonly #prefixBlocks: BlockList;
  readonly #connections = new Map<string, number>();
  #detector: DetectorState = initialDetectorState;
  #anomaly: string | undefined;
  #blockedInWindow = 0;
  readonly #counters = { served: 0, blocked: 0, limited: 0, connectionsBlocked: 0, connectionsLimited: 0 };

  constructor(settings: DefenseSettings, nowMs: number) {
    this.#settings = settings;
    this.#limiter = new SourceLimiter(settings.limiter, nowMs);
    this.#sourceBlocks = new BlockList(settings.sourceBlocks);
    this.#prefixBlocks = new BlockList(settings.prefixBlocks);
  }

  get level(): MitigationLevel {
    return this.#detector.level;
  }

  /** Every source and prefix blocked now (for the kernel filter). */
  blockedKeys(): string[] {
    return [...this.#sourceBlocks.list(), ...this.#prefixBlocks.list()].map((block) => block.key);
  }

  get blockedCounts(): { readonly sources: number; readonly prefixes: number } {
    return { sources: this.#sourceBlocks.size, prefixes: this.#prefixBlocks.size };
  }

  admitConnection(source: string, nowMs: number): ConnectionVerdict {
    if (this.#isBlocked(source, nowMs)) {
      this.#counters.connectionsBlocked++;
      return 'blocked';
    }
    const open = this.#connections.get(source) ?? 0;
    if (open >= this.#settings.maxConnectionsPerSource) {
      this.#counters.connectionsLimited++;
      return 'connection-limited';
    }
    this.#connections.set(source, open + 1);
    return 'allow';
  }

  /** Call once for every connection `admitConnection` allowed, when it closes. */
  releaseConnection(source: string): void {
    const open = this.#connections.get(source) ?? 0;
    if (open <= 1) this.#connections.delete(source);
    else this.#connections.set(source, open - 1);
  }

  admitRequest(source: string, nowMs: number): RequestVerdict {
    if (this.#isBlocked(source, nowMs)) {
      this.#counters.blocked++;
      return 'blocked';
    }
    const verdict = this.#limiter.admit(source, nowMs);
    if (verdict === 'allow') this.#counters.served++;
    else this.#counters.limited++;
    return verdict;
  }

  /** Requests served and refused, connections refused, since the start. */
  get counters(): UserSpaceCounters {
    return { ...this.#counters };
  }

  /** A response that failed (4xx/5xx other than our own 429s): feeds per-source error rates. */
  recordError(source: string): void {
    this.#limiter.recordError(source);
  }

  /** Blocks a source caught misbehaving outright (e.g. HTTP/2 rapid reset), without waiting for a window. */
  reportAbuse(source: string, reason: string, nowMs: number): Block {
    return this.#sourceBlocks.block(source, reason, nowMs);
  }

  /** Blocks a peer of the PoP learned: the new (or longer) ones, which the caller mirrors into the kernel. */
  adoptBlocks(blocks: readonly SharedBlock[], nowMs: number): Block[] {
    return blocks.flatMap((b) => (b.scope === 'source' ? this.#sourceBlocks : this.#prefixBlocks).adopt(b.key, `${b.reason} (from a peer)`, nowMs, b.ttlMs) ?? []);
  }

  /** Closes a detection window: adjusts the level, adds blocks, expires old ones. */
  tick(nowMs: number): TickReport {
    const levelBefore = this.#detector.level;
    const sample = this.#limiter.takeWindow(nowMs);
    const assessment = assessWindow(
      this.#detector,
      { ...sample, blocked: this.#blockedInWindow },
      this.#settings.detector,
    );
    this.#blockedInWindow = 0;
    this.#detector = assessment.state;
    this.#anomaly = assessment.anomaly;
    const level = this.#detector.level;
    this.#limiter.scale(this.#settings.sourceScale[level], this.#settings.prefixScale[level]);
    const addedSources = assessment.blockSources.map((d) => this.#sourceBlocks.block(d.key, d.reason, nowMs));
    const addedPrefixes = assessment.blockPrefixes.map((d) => this.#prefixBlocks.block(d.key, d.reason, nowMs));
    const expired = [...this.#sourceBlocks.expire(nowMs), ...this.#prefixBlocks.expire(nowMs)];
    return { levelBefore, level, anomaly: assessment.anomaly, addedSources, addedPrefixes, expired };
  }

  snapshot(nowMs: number, listLimit: number): PolicySnapshot {
    const view = (blocks: Block[]): BlockView[] =>
      blocks
        .sort((a, b) => b.untilMs - a.untilMs)
        .slice(0, listLimit)
        .map((b) => ({
          key: b.key,
          reason: b.reason,
          offences: b.offences,
          expiresInS: Math.max(0, Math.ceil((b.untilMs - nowMs) / 1000)),
        }));
    const level = this.#detector.level;
    return {
      level,
      levelName: LEVEL_NAMES[level],
      anomaly: this.#anomaly ?? null,
      limits: { ...this.#limiter.rates, connectionsPerSource: this.#settings.maxConnectionsPerSource },
      blockedSources: this.#sourceBlocks.size,
      blockedPrefixes: this.#prefixBlocks.size,
      blocked: { sources: view(this.#sourceBlocks.list()), prefixes: view(this.#prefixBlocks.list()) },
      requests: this.counters,
    };
  }

  #isBlocked(source: string, nowMs: number): boolean {
    if (this.#sourceBlocks.size === 0 && this.#prefixBlocks.size === 0) return false;
    const blocked =
      this.#sourceBlocks.isBlocked(source, nowMs) ||
      (this.#prefixBlocks.size > 0 && this.#prefixBlocks.isBlocked(sourcePrefix(source), nowMs));
    if (blocked) this.#blockedInWindow++;
    return blocked;
  }
}
