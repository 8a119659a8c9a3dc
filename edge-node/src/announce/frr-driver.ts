/** What the local BGP daemon currently says about the service route. */
export interface BgpRouteState {
  /** Locally originated (a `network` statement exists and is not being removed). */
  readonly originated: boolean;
  /** Usable by BGP: false when, e.g., import-check finds no such route on the box. */
  readonly valid: boolean;
  /** Tagged with the graceful-shutdown community 65535:0. */
  readonly gshut: boolean;
}

/** Control of this server's own announcement of the service /32, whatever speaks to FRR. */
export interface FrrDriver {
  announce(): Promise<void>;
  /** Keeps the route but tags it GSHUT (RFC 8326) so peers move traffic elsewhere first. */
  announceGshut(): Promise<void>;
  /** Idempotent: withdrawing a route that is not there is not an error. */
  withdraw(): Promise<void>;
  readState(): Promise<BgpRouteState>;
}
