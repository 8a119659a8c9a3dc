import { EdgeError } from '../errors.ts';
import type { BgpRouteState } from './frr-driver.ts';

/** Reads `show ip bgp <prefix> json`: `{}` when unknown, else `paths[]` with flags and communities. */
export function routeStateFromJson(json: unknown): BgpRouteState {
  if (typeof json !== 'object' || json === null) {
    throw new EdgeError('FRR_STATE_UNREADABLE', `show ip bgp ... json returned ${JSON.stringify(json)}, expected an object`);
  }
  const paths: unknown = (json as { paths?: unknown }).paths;
  if (paths === undefined) return { originated: false, valid: false, gshut: false };
  if (!Array.isArray(paths)) {
    throw new EdgeError('FRR_STATE_UNREADABLE', 'show ip bgp ... json: "paths" is not an array');
  }
  const local = paths.find((p: unknown) => isRecord(p) && p['sourced'] === true && p['removed'] !== true);
  if (!isRecord(local)) return { originated: false, valid: false, gshut: false };
  return { originated: true, valid: local['valid'] === true, gshut: hasGshut(local['community']) };
}

function hasGshut(community: unknown): boolean {
  if (!isRecord(community)) return false;
  const list = community['list'];
  return Array.isArray(list) && list.some((c) => c === 'gracefulShutdown' || c === '65535:0');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
