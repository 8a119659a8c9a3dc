import type { FieldSpecs } from '../../../contracts/field-spec.ts';
import { readFieldValue } from '../input/read-scalars.ts';
import type { MapFields } from '../input/read-structure.ts';

export type KindFieldValues = Record<string, string | number | boolean>;

/**
 * A kind's fields (a fault kind's, an attack kind's) read from its step by their specs: each
 * value checked against its bounds, a missing required one reported, a missing optional one
 * taking its default. Undefined when any given or required field is bad.
 */
export function readKindFields(map: MapFields, fields: FieldSpecs): KindFieldValues | undefined {
  const values: KindFieldValues = {};
  let complete = true;
  for (const [name, field] of Object.entries(fields)) {
    const slot = field.required ? map.require(name, field.doc) : map.get(name);
    const value = slot.node === undefined && !field.required ? field.default : readFieldValue(slot, field)?.value;
    if (value === undefined && (map.has(name) || field.required)) complete = false;
    if (value !== undefined) values[name] = value;
  }
  return complete ? values : undefined;
}
