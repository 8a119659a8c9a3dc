import test from 'ava';
import type Docker from 'dockerode';
import { DockerRuntime } from '../../../orchestrator/src/runtime/docker.ts';

/** Just enough of dockerode for removeNetwork: a network Docker refuses to remove, with what inspect shows on it. */
function engineRefusing(attached: Record<string, { Name: string }>): Docker {
  const network = {
    remove: async () => {
      throw Object.assign(new Error('(HTTP code 403) unexpected - error while removing network: network has active endpoints'), { statusCode: 403 });
    },
    inspect: async () => ({ Name: 'lab-lan', Containers: attached }),
  };
  return { getNetwork: () => network } as unknown as Docker;
}

test('a network Docker will not remove names the containers still attached to it', async (t) => {
  const runtime = new DockerRuntime(engineRefusing({ '4f1c': { Name: 'someone-elses' } }));
  const error = await t.throwsAsync(runtime.removeNetwork('lab-lan'), { code: 'LAB_CONFLICT' });
  t.regex(error!.message, /someone-elses is still attached to it/);
  t.notRegex(error!.message, /stale endpoint/);
});

test('with nothing attached, the refusal is a stale endpoint and says how to clear it', async (t) => {
  const runtime = new DockerRuntime(engineRefusing({}));
  const error = await t.throwsAsync(runtime.removeNetwork('lab-lan'), { code: 'LAB_CONFLICT' });
  t.regex(error!.message, /stale endpoint; restarting dockerd clears it/);
});
