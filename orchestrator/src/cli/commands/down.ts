import { forgetLabState } from '../../chaos/lab-state.ts';
import { listLabs, removeLab } from '../../lab/down.ts';
import { defineCommand, JSON_FLAG } from '../command.ts';
import { connectRuntime, resolveLab } from '../context.ts';

export const downCommand = defineCommand({
  name: 'down',
  summary: 'remove a lab (or every lab): its containers, networks and host firewall rules, found by label',
  usage: '[LAB] [flags]',
  flags: {
    all: { type: 'boolean', help: 'remove every anycast-lab lab on this engine' },
    ...JSON_FLAG,
  },
  details: 'LAB defaults to the only lab that is up. Works on labs started with `docker compose up` too. The lab\'s records of faults and attacks (.anycast-lab/LAB/) go with it.',
  async run({ values, positionals }) {
    const runtime = await connectRuntime();
    const labs = values.all ? await listLabs(runtime) : [await resolveLab(runtime, positionals[0])];
    const removed = [];
    for (const lab of labs) {
      const counts = await removeLab(runtime, lab);
      await forgetLabState(lab);
      removed.push({ lab, containers: counts.containers, networks: counts.networks });
      if (!values.json) process.stdout.write(`lab ${lab}: removed ${counts.containers} containers and ${counts.networks} networks\n`);
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ removed }, null, 2)}\n`);
    else if (labs.length === 0) process.stdout.write('no lab to remove\n');
    return 0;
  },
});
