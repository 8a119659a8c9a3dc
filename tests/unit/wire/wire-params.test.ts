import test from 'ava';
import { parseWireArgs, parseWireSpec } from '../../../images/wire/src/wire-args.ts';
import { DEFAULT_WIRE_PARAMS, wireParams } from '../../../images/wire/src/wire-params.ts';

test('a spec sets the fields it names and keeps the defaults for the rest', (t) => {
  t.deepEqual(parseWireSpec('delay=100,jitter=5,loss=1.5,rate=2000,order=jitter'), {
    ...DEFAULT_WIRE_PARAMS,
    delayMs: 100,
    jitterMs: 5,
    lossPct: 1.5,
    rateKbit: 2000,
    order: 'jitter',
  });
});

test('bad values are refused with the field named', (t) => {
  t.throws(() => parseWireSpec('delay=-1'), { message: /delayMs/ });
  t.throws(() => parseWireSpec('loss=120'), { message: /lossPct/ });
  t.throws(() => parseWireSpec('delay=5,jitter=10'), { message: /jitterMs/ });
  t.throws(() => parseWireSpec('speed=5'), { message: /delay, jitter/ });
  t.throws(() => wireParams({ order: 'random' }), { message: /order/ });
  t.throws(() => wireParams({ mtu: 10 }), { message: /mtu/ });
});

test('tun mode impairs egress only and leaves the carrier clean', (t) => {
  const command = parseWireArgs(['tun', '--fd', '3', '--listen', '0.0.0.0:4789', '--peer', '10.0.0.2:4789', '--egress', 'delay=110']);
  t.is(command.mode, 'tun');
  t.is(command.aToB.delayMs, 110);
  t.is(command.bToA.delayMs, 0);
  t.throws(() => parseWireArgs(['tun', '--listen', '0.0.0.0:1']), { message: /--fd/ });
  t.throws(() => parseWireArgs(['bridge']), { message: /usage/ });
});
