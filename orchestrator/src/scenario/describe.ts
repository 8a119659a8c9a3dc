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
    case 'attack-share':
      return `attack-share ${e.pop} ${percentBounds(e.minPercent, e.maxPercent)}${ofAttack(e.attack)}`;
    case 'attack-spread':
      return `attack-spread ${spreadBounds(e.maxOverMean, e.minJain)}${ofAttack(e.attack)}`;
    case 'mitigated':
      return `mitigated ${e.pop === 'all' ? 'every PoP' : e.pop} within ${formatMs(e.withinMs)}${ofAttack(e.attack)}`;
    case 'origin-load':
      return `origin-load <= ${e.maxRate}/s`;
  }
}

function ofAttack(id: string | undefined): string {
  return id === undefined ? '' : ` of ${id}`;
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
