import { formatMs } from '../../../contracts/units.ts';
import { linkName } from '../model/types.ts';
import type { Expectation, FaultAction, LinkRef, SessionRef } from './types.ts';

export function describeLink(link: LinkRef): string {
  return linkName(link.a, link.b);
}

export function describeSession(session: SessionRef): string {
  return `${session.router} peer ${session.peer}`;
}

/** What a fault acts on, as shown in reports: `tokyo`, `t-asia--tokyo`, `t-asia peer tokyo`. */
export function describeFaultTarget(action: FaultAction): string {
  switch (action.kind) {
    case 'pop-crash':
    case 'pop-kill':
    case 'pop-restart':
    case 'pop-undrain':
    case 'pop-drain':
      return action.pop;
    case 'server-crash':
    case 'server-unhealthy':
      return action.server;
    case 'link-down':
    case 'link-up':
    case 'link-impair':
      return describeLink(action.link);
    case 'bgp-session-down':
    case 'bgp-session-up':
      return describeSession(action.session);
    case 'partition':
      return action.nodes.join(', ');
    case 'heal':
      return 'every partition';
    case 'flap':
      return 'link' in action.target ? describeLink(action.target.link) : describeSession(action.target.session);
  }
}

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
