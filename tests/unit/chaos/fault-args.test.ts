import test from 'ava';
import { AnycastLabError } from '../../../orchestrator/src/errors.ts';
import { parseFaultArgs, type FaultFlags } from '../../../orchestrator/src/cli/fault-args.ts';

function refused(t: import('ava').ExecutionContext, positionals: string[], flags: FaultFlags, message: RegExp): void {
  const error = t.throws(() => parseFaultArgs(positionals, flags));
  t.true(error instanceof AnycastLabError);
  t.is((error as AnycastLabError).code, 'USAGE');
  t.regex(error!.message, message);
  t.regex(error!.message, /usage: anycast-lab fault KIND TARGET/);
}

test('faults from the command line become the same actions as in scenario files', (t) => {
  t.deepEqual(parseFaultArgs(['pop-crash', 'tokyo'], {}), { command: 'inject', action: { kind: 'pop-crash', pop: 'tokyo' } });
  t.deepEqual(parseFaultArgs(['pop-drain', 'tokyo'], { wait: '3s', id: 'maint' }), {
    command: 'inject',
    action: { kind: 'pop-drain', pop: 'tokyo', waitMs: 3000 },
    id: 'maint',
  });
  t.deepEqual(parseFaultArgs(['link-impair', 't-asia--tokyo'], { loss: '20%', rate: '1mbit', direction: 'a-to-b' }), {
    command: 'inject',
    action: { kind: 'link-impair', link: { a: 't-asia', b: 'tokyo' }, impairment: { lossPercent: 20, rateKbit: 1000 }, direction: 'a-to-b' },
  });
  t.deepEqual(parseFaultArgs(['bgp-session-down', 't-asia', 'tokyo'], {}), {
    command: 'inject',
    action: { kind: 'bgp-session-down', session: { router: 't-asia', peer: 'tokyo' } },
  });
  t.deepEqual(parseFaultArgs(['flap', 't-asia--tokyo'], { count: '3', period: '10s' }), {
    command: 'inject',
    action: { kind: 'flap', target: { link: { a: 't-asia', b: 'tokyo' } }, count: 3, periodMs: 10_000, downForMs: 5000 },
  });
  t.deepEqual(parseFaultArgs(['flap', 't-asia', 'tokyo'], { count: '2', period: '4s', 'down-for': '1s' }).command, 'inject');
  t.deepEqual(parseFaultArgs(['partition', 'tokyo', 't-asia'], {}), { command: 'inject', action: { kind: 'partition', nodes: ['tokyo', 't-asia'] } });
  t.deepEqual(parseFaultArgs(['link-impair', 'a--b'], { loss: '5' }).command, 'inject');
});

test('revert and list', (t) => {
  t.deepEqual(parseFaultArgs(['revert'], { all: true }), { command: 'revert', ids: 'all', force: false });
  t.deepEqual(parseFaultArgs(['revert'], { all: true, force: true }), { command: 'revert', ids: 'all', force: true });
  t.deepEqual(parseFaultArgs(['revert', 'pop-crash-1', 'flap-2'], {}), { command: 'revert', ids: ['pop-crash-1', 'flap-2'], force: false });
  t.deepEqual(parseFaultArgs(['list'], {}), { command: 'list' });
});

test('argument errors say what was expected', (t) => {
  refused(t, [], {}, /name a fault kind/);
  refused(t, ['pop-crush', 'tokyo'], {}, /unknown fault kind "pop-crush" \(did you mean "pop-crash"\?\); kinds: pop-crash, /);
  refused(t, ['pop-crash'], {}, /pop-crash takes one PoP, got nothing/);
  refused(t, ['pop-crash', 'tokyo', 'osaka'], {}, /pop-crash takes one PoP, got tokyo osaka/);
  refused(t, ['server-crash', 'tokyo-edge-1'], {}, /expected <pop>\/<server>/);
  refused(t, ['link-down', 't-asia', 'tokyo'], {}, /link-down takes one link, A--B/);
  refused(t, ['link-down', 't-asia-tokyo'], {}, /expected a link A--B/);
  refused(t, ['link-impair', 'a--b'], {}, /at least one of --delay, --jitter, --loss, --rate/);
  refused(t, ['link-impair', 'a--b'], { jitter: '5ms' }, /--jitter varies a delay: give --delay too/);
  refused(t, ['link-impair', 'a--b'], { loss: 'lots' }, /--loss lots: expected a percentage/);
  refused(t, ['link-impair', 'a--b'], { rate: 'fast' }, /--rate fast: expected a bit rate/);
  refused(t, ['link-impair', 'a--b'], { loss: '5%', direction: 'up' }, /--direction up: expected one of both, a-to-b, b-to-a/);
  refused(t, ['flap', 'a--b'], { period: '2s' }, /flap needs --count/);
  refused(t, ['flap', 'a--b'], { count: '2' }, /flap needs --period/);
  refused(t, ['flap', 'a--b'], { count: '2', period: '2s', 'down-for': '3s' }, /--down-for must be shorter than --period/);
  refused(t, ['pop-crash', 'tokyo'], { wait: '2s' }, /pop-crash takes no --wait/);
  refused(t, ['heal', 'tokyo'], {}, /heal takes no target/);
  refused(t, ['revert'], {}, /revert what\?/);
  refused(t, ['revert', 'x'], { all: true }, /--all or fault ids, not both/);
  refused(t, ['pop-kill', 'west'], { force: true }, /--force goes with revert/);
  refused(t, ['link-impair', 'a--b'], { delay: '11s' }, /--delay 11s: expected a duration from 0ms to 10s/);
  refused(t, ['pop-drain', 'west'], { wait: '2m' }, /--wait 2m: expected a duration from 0ms to 1m/);
  refused(t, ['flap', 'a--b'], { count: '2', period: '11m' }, /--period 11m: expected a duration from 200ms to 10m/);
  refused(t, ['flap', 'a--b'], { count: `1${'0'.repeat(400)}`, period: '2s' }, /--count 1000000000.*: expected a whole number from 1 to 100/);
});
