import { ATTACK_KIND_NAMES, ATTACK_KINDS, checkAttackFields, isAttackKind, type AttackSettings } from '../../../contracts/attack-kinds.ts';
import { plainScalar } from '../../../contracts/field-spec.ts';
import { usageError } from './args.ts';
import type { FlagSpec } from './command.ts';

/** `attack start`'s kind, fields and botnets, as the command line and the dashboard's button give them. */

/** One flag per attack field of the registry (`--rate`, `--for`, ...). */
function attackFieldFlags(): Record<string, FlagSpec> {
  const flags: Record<string, FlagSpec> = {};
  for (const kind of ATTACK_KIND_NAMES) {
    for (const [name, spec] of Object.entries(ATTACK_KINDS[kind].fields)) {
      flags[name] ??= { type: 'string', value: name.toUpperCase(), help: spec.doc };
    }
  }
  return flags;
}

export const ATTACK_FIELD_FLAGS: Readonly<Record<string, FlagSpec>> = attackFieldFlags();
/** The attack fields the command line takes a flag for: every field of every kind. */
export const ATTACK_FLAGS: ReadonlySet<string> = new Set(Object.keys(ATTACK_FIELD_FLAGS));

export interface AttackStartArgs {
  readonly settings: AttackSettings;
  readonly from: 'all' | readonly string[];
}

/** `from`: `all`, or botnets separated by commas. */
export function parseAttackFrom(text: string | undefined): 'all' | string[] {
  return text === undefined || text === 'all' ? 'all' : text.split(',').map((b) => b.trim()).filter((b) => b !== '');
}

/** The kind and its fields checked against the registry (bounds included); a field of no kind is refused. */
export function parseAttackStart(kind: string | undefined, fields: Readonly<Record<string, unknown>>, from: string | undefined): AttackStartArgs {
  if (!isAttackKind(kind)) throw usageError('attack', `--kind ${String(kind ?? '(missing)').slice(0, 40)}: expected one of ${ATTACK_KIND_NAMES.join(', ')}`);
  const raw: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(fields)) {
    if (typeof text !== 'string') continue;
    if (!ATTACK_FLAGS.has(name)) throw usageError('attack', `--${name.slice(0, 40)}: no attack kind takes it`);
    raw[name] = plainScalar(text);
  }
  const checked = checkAttackFields(kind, raw);
  if (!checked.ok) throw usageError('attack', checked.problems.map((p) => `--${p.field}: expected ${p.expected}`).join('\n'));
  return { settings: checked.settings, from: parseAttackFrom(from) };
}
