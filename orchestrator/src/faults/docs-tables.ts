/**
 * The fault tables of the docs (docs/chaos.md for the command line, topology/scenarios/README.md
 * for scenario files), written from the registry. A unit test checks that the docs hold them.
 */
import { describeField, fieldPlaceholder } from '../../../contracts/field-spec.ts';
import { TARGET_SYNTAX } from './fault-target.ts';
import { FAULT_KINDS, faultKind, type FaultKind } from './registry.ts';

const cell = (text: string): string => text.replaceAll('|', '\\|');

function commandLine(kind: FaultKind): string {
  const spec = faultKind(kind);
  const flags = Object.entries(spec.fields).map(([name, field]) => (field.required ? `--${name} ${fieldPlaceholder(field)}` : `[--${name} ${fieldPlaceholder(field)}]`));
  return [kind, TARGET_SYNTAX[spec.target].args, ...flags].filter(Boolean).join(' ');
}

function fieldBounds(kind: FaultKind, prefix: string): string {
  const fields = Object.entries(faultKind(kind).fields).map(([name, field]) => `\`${prefix}${name}\` ${describeField(field)}`);
  return fields.length === 0 ? '' : ` (${fields.join('; ')})`;
}

/** docs/chaos.md: what each fault does, how it is taken back, what the neighbours see. */
export function commandLineFaultTable(): string {
  const rows = FAULT_KINDS.map((kind) => {
    const { docs } = faultKind(kind);
    return `| \`${cell(commandLine(kind))}\` | ${cell(docs.does + fieldBounds(kind, '--'))} | ${cell(docs.revert)} | ${cell(docs.seen)} |`;
  });
  return ['| fault | what it does | revert | what the neighbours see |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** topology/scenarios/README.md: each kind's target and fields as a scenario writes them. */
export function scenarioFaultTable(): string {
  const rows = FAULT_KINDS.map((kind) => {
    const spec = faultKind(kind);
    const fields = Object.entries(spec.fields).map(([name, field]) => `\`${name}\` (${describeField(field)}): ${field.doc}`);
    const target = TARGET_SYNTAX[spec.target].written;
    return `| \`${kind}\` | ${cell(spec.summary)} | ${cell(target)} | ${cell(fields.join('; ') || '-')} |`;
  });
  return ['| kind | what it is | target | fields |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export const FAULT_TABLE_BEGIN = '<!-- fault-kinds: generated from orchestrator/src/faults/registry.ts -->';
export const FAULT_TABLE_END = '<!-- /fault-kinds -->';

/** `doc` with the text between the markers replaced by `table`, or undefined when it has no markers. */
export function withFaultTable(doc: string, table: string): string | undefined {
  const begin = doc.indexOf(FAULT_TABLE_BEGIN);
  const end = doc.indexOf(FAULT_TABLE_END);
  if (begin < 0 || end < begin) return undefined;
  return `${doc.slice(0, begin + FAULT_TABLE_BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}
