import { readFileSync, writeFileSync } from 'node:fs';
import test from 'ava';
import { commandLineFaultTable, scenarioFaultTable, withFaultTable } from '../../../orchestrator/src/faults/docs-tables.ts';
import { FAULT_KINDS } from '../../../orchestrator/src/faults/registry.ts';
import { ROOT } from '../../helpers/topologies.ts';

const DOCS = [
  { file: 'docs/chaos.md', table: commandLineFaultTable },
  { file: 'topology/scenarios/README.md', table: scenarioFaultTable },
];

for (const { file, table } of DOCS) {
  test(`${file} holds the fault table written from the registry (UPDATE_GOLDEN=1 rewrites it)`, (t) => {
    const doc = readFileSync(`${ROOT}${file}`, 'utf8');
    const expected = withFaultTable(doc, table());
    if (expected === undefined) return t.fail(`${file} has no fault-kinds markers`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(`${ROOT}${file}`, expected);
    else t.is(doc, expected, `${file}: the fault table differs from the registry`);
    for (const kind of FAULT_KINDS) t.true(expected.includes(`\`${kind}`), `${file} lists ${kind}`);
  });
}
