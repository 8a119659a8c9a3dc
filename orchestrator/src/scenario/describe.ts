import { formatMs } from '../../../contracts/units.ts';
import { describeSession } from '../faults/fault-target.ts';
import type { Expectation } from './types.ts';

/** One line naming what an expectation asserts, e.g. `convergence users-asia <= 1 s`. */
export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case 'catchment':
      return `catchment ${e.client} ${e.negate ? '!=' : '='} ${e.pop}`;
    case 'convergence':
      return `convergence ${e.client} <= ${formatMs(e.maxMs)}${e.fault === undefined ? '' : ` after ${e.fault}`}`;
    case 'lost':
      return `lost ${e.client} <= ${e.max}${e.fault === undefined ? '' : ` after ${e.fault}`}`;
    case 'success-rate':
      return `success-rate ${e.client ?? 'all clients'} ${percentBounds(e.minPercent, e.maxPercent)}`;
    case 'latency':
      return `latency ${e.client} p50 ${bounds(e.minMs, e.maxMs, formatMs)}`;
    case 'spread':
      return `spread ${spreadBounds(e.maxOverMean, e.minJain)}`;
    case 'bgp-session':
      return `bgp-session ${describeSession(e.session)} ${e.state}`;
    case 'route':
      return `route ${e.prefix} on ${e.router} ${e.present ? 'present' : 'absent'}`;
  }
}

export function percentBounds(min: number | undefined, max: number | undefined): string {
  return bounds(min, max, (v) => `${v}%`);
}

export function bounds(min: number | undefined, max: number | undefined, format: (value: number) => string): string {
  return [min === undefined ? '' : `>= ${format(min)}`, max === undefined ? '' : `<= ${format(max)}`].filter(Boolean).join(' and ');
}

export function spreadBounds(maxOverMean: number | undefined, minJain: number | undefined): string {
  return [maxOverMean === undefined ? '' : `max/mean <= ${maxOverMean}`, minJain === undefined ? '' : `jain >= ${minJain}`]
    .filter(Boolean)
    .join(' and ');
}
