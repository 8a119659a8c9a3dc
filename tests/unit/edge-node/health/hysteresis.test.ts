import test from 'ava';
import { Hysteresis } from '../../../../edge-node/src/health/hysteresis.ts';

function feed(h: Hysteresis, results: readonly boolean[]): string {
  return results.map((r) => (h.observe(r) ? (h.healthy ? 'U' : 'D') : h.healthy ? '+' : '-')).join('');
}

test('starts unhealthy and needs `rise` passes in a row to become healthy', (t) => {
  const h = new Hysteresis({ rise: 3, fall: 2 });
  t.false(h.healthy);
  t.is(feed(h, [true, true, false, true, true, true]), '-----U');
});

test('needs `fall` failures in a row to become unhealthy: single failures do not flap', (t) => {
  const h = new Hysteresis({ rise: 1, fall: 2 });
  t.is(feed(h, [true, false, true, false, true, false, false, true]), 'U+++++DU');
});
