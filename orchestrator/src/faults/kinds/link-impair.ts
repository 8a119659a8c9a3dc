import { MAX_LINK_DELAY_MS } from '../../model/read-upstream.ts';
import type { Impairment } from '../../model/types.ts';
import { defineFaultKind, type FieldProblem } from '../fault-kind.ts';
import type { ImpairDirection, LinkRef } from '../fault-target.ts';
import { planLinkImpair } from '../plan-link.ts';

export interface LinkImpairAction {
  readonly kind: 'link-impair';
  readonly link: LinkRef;
  readonly impairment: Impairment;
  readonly direction: ImpairDirection;
}

export const linkImpair = defineFaultKind({
  kind: 'link-impair',
  summary: 'Delay, jitter, loss or a rate limit on a link, one way or both',
  docs: {
    does:
      "`lab-impair` on the egress of one end (one direction) or both: on a wire (docs/wire.md) the relay's parameters, live; else netem where the kernel has it, and without it loss through iptables' `statistic` match and rate through tbf. It replaces the link's own impairment from the topology for the fields it sets",
    revert: "the topology's impairment put back (or cleared)",
    seen: 'BGP keeps running over a lossy link: nobody moves',
  },
  repair: false,
  target: 'link',
  fields: {
    delay: { type: 'duration', minMs: 0, maxMs: MAX_LINK_DELAY_MS, doc: 'one-way delay in place of the link`s own (netem, or a wire)' },
    jitter: { type: 'duration', minMs: 0, maxMs: MAX_LINK_DELAY_MS, doc: 'variation of the delay (netem or a wire; needs `delay`)' },
    loss: { type: 'percent', min: 0, max: 100, doc: 'share of packets dropped' },
    rate: { type: 'bitrate', minKbit: 1, maxKbit: 10_000_000, doc: 'bandwidth limit' },
    direction: { type: 'enum', values: ['both', 'a-to-b', 'b-to-a'], default: 'both', doc: 'which egress: a and b in the order written' },
  },
  example: { loss: '20%' },
  action: ({ link }, { delay, jitter, loss, rate, direction }): LinkImpairAction | FieldProblem => {
    if (delay === undefined && jitter === undefined && loss === undefined && rate === undefined) {
      return { message: 'link-impair needs at least one of `delay`, `jitter`, `loss`, `rate`' };
    }
    if (jitter !== undefined && delay === undefined) return { field: 'jitter', message: '`jitter` varies a delay: give `delay` too' };
    const impairment: Impairment = {
      ...(delay === undefined ? {} : { delayMs: delay }),
      ...(jitter === undefined ? {} : { jitterMs: jitter }),
      ...(loss === undefined ? {} : { lossPercent: loss }),
      ...(rate === undefined ? {} : { rateKbit: rate }),
    };
    return { kind: 'link-impair', link, impairment, direction };
  },
  plan: (plan, action: LinkImpairAction, kernel) => planLinkImpair(plan, action.link, action.impairment, action.direction, kernel),
});
