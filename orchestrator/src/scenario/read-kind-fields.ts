import type { FieldSpecs } from '../../../contracts/field-spec.ts';
import { readField } from './yaml-reader.ts';
import type { MapReader } from './yaml-reader.ts';

export type KindFieldValues = Record<string, string | number | boolean>;

/**
 * A kind's fields (a fault kind's, an attack kind's) read from its step by their specs: each
 * value checked against its bounds, a missing required one reported, a missing optional one
 * taking its default. Undefined when any given or required field is bad.
 */
export function readKindFields(map: MapReader, fields: FieldSpecs): KindFieldValues | undefined {
  const values: KindFieldValues = {};
  let complete = true;
  for (const [name, field] of Object.entries(fields)) {
    const value = map.has(name) ? map.read(name, readField(field)) : field.required ? map.require(name, readField(field), field.doc) : field.default;
    if (value === undefined && (map.has(name) || field.required)) complete = false;
    if (value !== undefined) values[name] = value;
  }
  return complete ? values : undefined;
}
