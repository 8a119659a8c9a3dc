/** Topology files in, intent model out: every problem found is reported at once, with its place. */
import { resolve } from 'node:path';
import { InputInvalidError } from '../errors.ts';
import type { SourceIssue } from '../errors.ts';
import { buildTopology } from './build-topology.ts';
import { checkAddressing } from './check-addressing.ts';
import { checkAsns } from './check-asns.ts';
import { checkCapacity } from './check-capacity.ts';
import { checkLinks } from './check-links.ts';
import { checkGeneratedNames } from './generated-names.ts';
import { checkNames } from './check-names.ts';
import { checkParents } from './check-parents.ts';
import { checkReferences } from './check-references.ts';
import type { TopologyDraft } from './draft.ts';
import { readInputFile } from '../input/input-file.ts';
import { readTopology } from './read-topology.ts';
import { OVERRIDE_FILE, openSource, overrideSlot } from '../input/source.ts';
import type { Topology } from './types.ts';

/** Values that replace the file's (from the command line); validated like the file's. */
export interface TopologyOverrides {
  readonly lab?: string;
  readonly pool?: string;
}

function checkTopology(draft: TopologyDraft): SourceIssue[] {
  return [
    ...checkAddressing(draft.addressing),
    ...checkNames(draft),
    ...checkGeneratedNames(draft),
    ...checkReferences(draft),
    ...checkLinks(draft),
    ...checkParents(draft),
    ...checkAsns(draft),
    ...checkCapacity(draft),
  ];
}

/** Overrides first, then the file's issues from top to bottom. */
const byPlace = (a: SourceIssue, b: SourceIssue): number =>
  Number(a.file !== OVERRIDE_FILE) - Number(b.file !== OVERRIDE_FILE) || a.line - b.line || a.column - b.column;

/** Parses and validates a topology; throws InputInvalidError('TOPOLOGY_INVALID') listing every issue. */
export function parseTopology(text: string, file: string, overrides: TopologyOverrides = {}): Topology {
  const issues: SourceIssue[] = [];
  const slots = {
    lab: overrides.lab === undefined ? undefined : overrideSlot(overrides.lab, ['lab'], issues),
    pool: overrides.pool === undefined ? undefined : overrideSlot(overrides.pool, ['addressing', 'pool'], issues),
  };
  const root = openSource(text, file, issues);
  const draft = root && readTopology(root, slots);
  if (draft) issues.push(...checkTopology(draft));
  if (!draft || issues.length > 0) throw new InputInvalidError('TOPOLOGY_INVALID', issues.sort(byPlace));
  return buildTopology(draft, file);
}

/** Reads and validates the topology file at `file` (relative to the working directory). */
export async function loadTopology(file: string, overrides: TopologyOverrides = {}): Promise<Topology> {
  const absolute = resolve(file);
  return parseTopology(await readInputFile(absolute, 'TOPOLOGY_INVALID'), absolute, overrides);
}
