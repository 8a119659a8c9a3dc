import { resolve } from 'node:path';
import { checkScenarioOffline } from '../../chaos/load-scenario.ts';
import { formatIssueList, InputInvalidError, type SourceIssue } from '../../errors.ts';
import { readInputFile } from '../../input/input-file.ts';
import { summarizeTopology, validateTopologyText } from '../../model/validate-file.ts';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { usageError } from '../args.ts';
import { defineCommand, JSON_FLAG } from '../command.ts';
import { detectInputKind } from '../../scenario/input-kind.ts';

interface FileVerdict {
  readonly file: string;
  readonly kind: 'topology' | 'scenario';
  readonly valid: boolean;
  readonly summary?: string;
  readonly issues: readonly SourceIssue[];
}

async function validateScenario(file: string, text: string): Promise<FileVerdict> {
  try {
    const { scenario, plan } = await checkScenarioOffline(parseScenario(text, resolve(file)));
    const faults = scenario.steps.filter((s) => s.type === 'fault').length;
    const attacks = scenario.steps.filter((s) => s.type === 'attack').length;
    const summary = `${scenario.name}: ${scenario.steps.length} steps (${faults} faults${attacks > 0 ? `, ${attacks} attacks` : ''}), ${scenario.steadyState.length} steady-state checks, runs ${scenario.durationMs / 1000} s on ${summarizeTopology(plan.topology)}`;
    return { file, kind: 'scenario', valid: true, summary, issues: [] };
  } catch (error) {
    if (error instanceof InputInvalidError) return { file, kind: 'scenario', valid: false, issues: error.issues };
    throw error;
  }
}

async function validateFile(file: string): Promise<FileVerdict> {
  let text: string;
  try {
    text = await readInputFile(resolve(file), 'TOPOLOGY_INVALID');
  } catch (error) {
    if (error instanceof InputInvalidError) return { file, kind: 'topology', valid: false, issues: error.issues };
    throw error;
  }
  // Read once: the kind is told from the text, and the reader of that kind parses the same text.
  if (detectInputKind(text) === 'scenario') return validateScenario(file, text);
  const result = validateTopologyText(text, resolve(file));
  return result.ok ? { file, kind: 'topology', valid: true, summary: result.summary, issues: [] } : { file, kind: 'topology', valid: false, issues: result.issues };
}

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check topology and scenario files offline (no Docker needed) and report every problem with file:line:col',
  usage: 'FILE... [flags]',
  flags: { ...JSON_FLAG },
  details: `A file with top-level \`steps\` or \`steady-state\` is a scenario: it is checked with the topology
it names (\`lab:\`), including every node, link and session it uses. Anything else is a topology.
Exit code 1 when any file is invalid.`,
  async run({ values, positionals }) {
    if (positionals.length === 0) throw usageError('validate', 'name at least one topology or scenario file');
    const verdicts: FileVerdict[] = [];
    for (const file of positionals) verdicts.push(await validateFile(file));
    if (values.json) {
      const files = verdicts.map((v) => ({ file: v.file, kind: v.kind, valid: v.valid, summary: v.summary ?? null, issues: v.issues }));
      process.stdout.write(`${JSON.stringify({ valid: verdicts.every((v) => v.valid), files }, null, 2)}\n`);
    } else {
      for (const v of verdicts) {
        if (v.valid) process.stdout.write(`${v.file}: valid ${v.kind}: ${v.summary}\n`);
        else process.stderr.write(`${formatIssueList(v.issues)}\n${v.file}: ${v.issues.length} problem(s)\n`);
      }
    }
    return verdicts.every((v) => v.valid) ? 0 : 1;
  },
});
