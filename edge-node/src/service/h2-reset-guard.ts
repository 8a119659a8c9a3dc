import { constants, type Http2Server } from 'node:http2';
import type { NowMs } from '../clock.ts';
import { normalizeSource } from '../defense/source-prefix.ts';
import { fullBucket, takeToken, type BucketRate } from '../defense/token-bucket.ts';

/**
 * Rapid reset (CVE-2023-44487): a client opens streams and cancels them at once, so the server
 * works for requests nobody waits for. Each session gets a budget of reset streams; a session
 * over budget gets GOAWAY(ENHANCE_YOUR_CALM) and is destroyed.
 */
export function guardAgainstRapidReset(
  server: Http2Server,
  budget: BucketRate,
  now: NowMs,
  onAbuse: (source: string) => void,
): void {
  server.on('session', (session) => {
    const bucket = fullBucket(budget, now());
    session.on('stream', (stream) => {
      stream.once('close', () => {
        if (stream.rstCode === constants.NGHTTP2_NO_ERROR || session.destroyed) return;
        if (takeToken(bucket, budget, now())) return;
        const source = normalizeSource(session.socket?.remoteAddress ?? '');
        session.goaway(constants.NGHTTP2_ENHANCE_YOUR_CALM);
        session.destroy();
        onAbuse(source);
      });
    });
  });
}
