import test from 'ava';
import { commandsOnTestLab, onTestLab } from '../../helpers/lesson-lab.ts';

const target = { lab: 'e2e-lessons', pool: '10.251.16.0/21' };

test('lesson lines aimed at a test lab: up names it, lab commands get --lab, offline ones are left alone', (t) => {
  t.deepEqual(onTestLab(['up', 'topology/mini.yaml'], target), ['up', 'topology/mini.yaml', '--name', 'e2e-lessons', '--pool', '10.251.16.0/21', '--no-build']);
  t.deepEqual(onTestLab(['status'], target), ['status', 'e2e-lessons']);
  t.deepEqual(onTestLab(['status', '--json'], target), ['status', 'e2e-lessons', '--json']);
  t.deepEqual(onTestLab(['explain', 'users-west'], target), ['explain', 'users-west', '--lab', 'e2e-lessons']);
  t.deepEqual(onTestLab(['fault', 'revert', '--all'], target), ['fault', 'revert', '--all', '--lab', 'e2e-lessons']);
  t.deepEqual(onTestLab(['graph', 'topology/mini.yaml', '--format', 'svg', '--lab', 'mini', '--out', 'x.svg'], target), ['graph', 'topology/mini.yaml', '--format', 'svg', '--lab', 'e2e-lessons', '--out', 'x.svg']);
  t.deepEqual(onTestLab(['graph', 'topology/mini.yaml'], target), ['graph', 'topology/mini.yaml']);
  t.deepEqual(onTestLab(['report', 'run.json'], target), ['report', 'run.json']);
  t.deepEqual(onTestLab(['lesson', 'check', '3'], target), ['lesson', 'check', '3', '--lab', 'e2e-lessons']);
});

test('a lesson that goes on to another lab after `down` runs up to it; the rest is listed as skipped', (t) => {
  const { run, skipped } = commandsOnTestLab([['up', 'topology/mini.yaml'], ['lesson', 'check', '3'], ['down', 'mini'], ['chaos', 'run', 'x.yaml']], target);
  t.is(run.length, 2);
  t.deepEqual(skipped, [['down', 'mini'], ['chaos', 'run', 'x.yaml']]);
});
