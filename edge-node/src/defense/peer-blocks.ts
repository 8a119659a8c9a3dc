import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP, isIPv4, isIPv6 } from 'node:net';
import type { PeerRejection, PeerSharingView } from '../../../contracts/edge-admin.ts';
import { sourcePrefix } from './source-prefix.ts';
import { fullBucket, takeToken, type BucketRate, type TokenBucket } from './token-bucket.ts';

/**
 * Blocks shared between the servers of one PoP (they share the ECMP-spread sources between them):
 * a block one server learns is sent at once to the others, over UDP on the PoP's LAN, so that a
 * bot that moves to the next server meets the block there too. Pure: the datagrams in and out and
 * what to do with them; the socket is in peer-channel.ts.
 *
 * A datagram is accepted only from a peer's LAN address, under the PoP's key (HMAC-SHA256), with
 * a timestamp within PEER_LIMITS.maxSkewMs and a sequence number higher than the last one from
 * that peer, and within a per-peer rate. A block that arrives is never sent on: no echo, no loop.
 */

export type BlockScope = 'source' | 'prefix';

export interface SharedBlock {
  readonly key: string;
  readonly scope: BlockScope;
  readonly reason: string;
  /** How much longer the block lasts at the sender. */
  readonly ttlMs: number;
}

export interface PeerMessage {
  readonly v: 1;
  /** The sender's LAN address (must be the datagram's source). */
  readonly from: string;
  readonly seq: number;
  /** Epoch ms when sent: the lab's containers share the host's clock. */
  readonly at: number;
  readonly blocks: readonly SharedBlock[];
}

export const PEER_LIMITS = {
  maxDatagramBytes: 8192,
  maxBlocksPerMessage: 40,
  maxReasonLength: 80,
  maxSkewMs: 5000,
  maxTtlMs: 24 * 3_600_000,
  /** Datagrams per second from one peer. */
  rate: { perSecond: 20, burst: 40 } satisfies BucketRate,
} as const;

const MAC_HEX = 64;

function mac(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** `<hmac hex>\n<json>`: the MAC first, so it can be checked before parsing. */
export function encodePeerMessage(message: PeerMessage, key: string): Buffer {
  const body = JSON.stringify(message);
  return Buffer.from(`${mac(key, body)}\n${body}`);
}

/** A block key as the block list writes it: an address (source) or its own /24 or /64 (prefix). */
export function isBlockKey(key: string, scope: BlockScope): boolean {
  if (scope === 'source') return isIP(key) !== 0;
  const slash = key.lastIndexOf('/');
  const address = key.slice(0, slash);
  if (!(isIPv4(address) || isIPv6(address))) return false;
  return sourcePrefix(address) === key;
}

function isSharedBlock(value: unknown): value is SharedBlock {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    (b['scope'] === 'source' || b['scope'] === 'prefix') &&
    typeof b['key'] === 'string' &&
    isBlockKey(b['key'], b['scope']) &&
    typeof b['reason'] === 'string' &&
    b['reason'].length <= PEER_LIMITS.maxReasonLength &&
    Number.isInteger(b['ttlMs']) &&
    (b['ttlMs'] as number) > 0 &&
    (b['ttlMs'] as number) <= PEER_LIMITS.maxTtlMs
  );
}

function parseMessage(body: string): PeerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const blocks = m['blocks'];
  const valid =
    m['v'] === 1 &&
    typeof m['from'] === 'string' &&
    Number.isSafeInteger(m['seq']) &&
    Number.isSafeInteger(m['at']) &&
    Array.isArray(blocks) &&
    blocks.length <= PEER_LIMITS.maxBlocksPerMessage &&
    blocks.every(isSharedBlock);
  return valid ? (value as PeerMessage) : undefined;
}

export type PeerVerdict = { readonly ok: true; readonly message: PeerMessage } | { readonly ok: false; readonly reason: PeerRejection };

export interface PeerSharingSettings {
  /** This server's LAN address. */
  readonly self: string;
  /** The LAN addresses of the PoP's other servers. */
  readonly peers: readonly string[];
  readonly key: string;
}

/** One server's side of the sharing: numbering what it sends, judging what it receives, counting both. */
export class PeerBlockSharing {
  readonly #settings: PeerSharingSettings;
  readonly #peers: ReadonlySet<string>;
  readonly #lastSeq = new Map<string, number>();
  readonly #buckets = new Map<string, TokenBucket>();
  #seq: number;
  #sent = 0;
  #received = 0;
  #imported = 0;
  readonly #rejected: Record<PeerRejection, number> = { 'unknown-peer': 0, 'too-large': 0, malformed: 0, 'bad-mac': 0, stale: 0, replayed: 0, 'over-rate': 0 };
  #lastLatencyMs: number | null = null;

  /** `firstSeq`: the epoch ms at start, so that a restarted server's numbers are still higher. */
  constructor(settings: PeerSharingSettings, firstSeq: number) {
    this.#settings = settings;
    this.#peers = new Set(settings.peers.filter((p) => p !== settings.self));
    this.#seq = firstSeq;
  }

  get peers(): readonly string[] {
    return [...this.#peers];
  }

  /** Datagrams carrying these blocks (none when there is no peer or nothing to share). */
  outgoing(blocks: readonly SharedBlock[], nowEpochMs: number): Buffer[] {
    if (this.#peers.size === 0 || blocks.length === 0) return [];
    const datagrams: Buffer[] = [];
    for (let i = 0; i < blocks.length; i += PEER_LIMITS.maxBlocksPerMessage) {
      const chunk = blocks.slice(i, i + PEER_LIMITS.maxBlocksPerMessage).map((b) => ({ ...b, reason: b.reason.slice(0, PEER_LIMITS.maxReasonLength) }));
      datagrams.push(encodePeerMessage({ v: 1, from: this.#settings.self, seq: ++this.#seq, at: nowEpochMs, blocks: chunk }, this.#settings.key));
    }
    this.#sent += datagrams.length * this.#peers.size;
    return datagrams;
  }

  /** Judges a datagram from `source`; an accepted one's blocks are the caller's to import. */
  incoming(datagram: Buffer, source: string, nowEpochMs: number): PeerVerdict {
    const verdict = this.#judge(datagram, source, nowEpochMs);
    if (verdict.ok) {
      this.#received++;
      this.#lastLatencyMs = Math.max(0, nowEpochMs - verdict.message.at);
    } else {
      this.#rejected[verdict.reason]++;
    }
    return verdict;
  }

  countImported(count: number): void {
    this.#imported += count;
  }

  view(): PeerSharingView {
    return {
      peers: this.#peers.size,
      sent: this.#sent,
      received: this.#received,
      imported: this.#imported,
      rejected: { ...this.#rejected },
      lastLatencyMs: this.#lastLatencyMs,
    };
  }

  #judge(datagram: Buffer, source: string, nowEpochMs: number): PeerVerdict {
    if (!this.#peers.has(source)) return { ok: false, reason: 'unknown-peer' };
    let bucket = this.#buckets.get(source);
    if (!bucket) this.#buckets.set(source, (bucket = fullBucket(PEER_LIMITS.rate, nowEpochMs)));
    if (!takeToken(bucket, PEER_LIMITS.rate, nowEpochMs)) return { ok: false, reason: 'over-rate' };
    if (datagram.length > PEER_LIMITS.maxDatagramBytes) return { ok: false, reason: 'too-large' };
    const text = datagram.toString('utf8');
    if (text.length <= MAC_HEX || text[MAC_HEX] !== '\n') return { ok: false, reason: 'malformed' };
    const given = Buffer.from(text.slice(0, MAC_HEX));
    const body = text.slice(MAC_HEX + 1);
    if (!timingSafeEqual(given, Buffer.from(mac(this.#settings.key, body)))) return { ok: false, reason: 'bad-mac' };
    const message = parseMessage(body);
    if (!message || message.from !== source) return { ok: false, reason: 'malformed' };
    if (Math.abs(nowEpochMs - message.at) > PEER_LIMITS.maxSkewMs) return { ok: false, reason: 'stale' };
    if (message.seq <= (this.#lastSeq.get(source) ?? -Infinity)) return { ok: false, reason: 'replayed' };
    this.#lastSeq.set(source, message.seq);
    return { ok: true, message };
  }
}
