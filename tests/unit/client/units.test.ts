import test from 'ava';
import { readAgentConfig, rotateSources } from '../../../images/client/src/config.ts';
import { runAtFixedRate } from '../../../images/client/src/fixed-rate.ts';
import { classifyError, parseServedBy } from '../../../images/client/src/send-request.ts';

test('config from the environment, with every problem named', (t) => {
  const config = readAgentConfig({
    LAB_NAME: 'world',
    LAB_NODE: 'bots-asia-1',
    LAB_ROLE: 'bot',
    LAB_MGMT_ADDR: '198.18.255.7',
    CLIENT_NETWORK: 'users-asia',
    LAB_SERVICE_ADDR: '198.51.100.10',
    BOT_SOURCES: '198.18.9.10, 198.18.9.11,',
  });
  t.deepEqual(config, {
    lab: 'world',
    node: 'bots-asia-1',
    role: 'bot',
    client: 'users-asia',
    listen: { host: '198.18.255.7', port: 9100 },
    target: { host: '198.51.100.10', port: 80 },
    sources: ['198.18.9.10', '198.18.9.11'],
  });
  const error = t.throws(() => readAgentConfig({ LAB_ROLE: 'router', AGENT_PORT: '99999' }));
  t.regex(error.message, /LAB_ROLE=router: expected probe or bot/);
  t.regex(error.message, /LAB_NODE is not set/);
  t.regex(error.message, /LAB_MGMT_ADDR is not set/);
  t.regex(error.message, /AGENT_PORT=99999 is not a TCP port/);
});

test('source addresses round-robin', (t) => {
  const next = rotateSources(['a', 'b']);
  t.deepEqual([next(), next(), next()], ['a', 'b', 'a']);
  t.is(rotateSources([])(), undefined);
});

test('x-served-by and error codes', (t) => {
  t.deepEqual(parseServedBy('tokyo/edge-1'), { pop: 'tokyo', server: 'edge-1' });
  t.deepEqual(parseServedBy(['tokyo']), { pop: 'tokyo' });
  t.is(parseServedBy(undefined), undefined);
  t.is(classifyError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'refused');
  t.is(classifyError(Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })), 'unreachable');
  t.is(classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 'reset');
  t.is(classifyError(new Error('x')), 'error');
});

test('fixed rate: slots skipped, not queued, when the in-flight limit is reached', async (t) => {
  const release: Array<() => void> = [];
  const run = runAtFixedRate({ ratePerS: 100, durationMs: 200, maxInFlight: 5, fire: () => new Promise<void>((resolve) => release.push(resolve)) });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.deepEqual(run.stats(), { fired: 5, skipped: 15, inFlight: 5 });
  for (const r of release) r();
  await run.done;
  t.is(run.stats().inFlight, 0);
});
