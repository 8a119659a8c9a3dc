/**
 * A flag's value checked as a scenario or topology value of the same spec is (contracts/field-spec.ts):
 * the text read as a YAML plain scalar, the same bounds, the same `expected ...` wording.
 */
import { checkField, plainScalar, type FieldSpec, type FieldValue } from '../../../contracts/field-spec.ts';
import { didYouMean } from '../input/suggest.ts';

/** The value of `--flag TEXT`; throws `refuse(message)` (a usage error) when it does not fit `spec`. */
export function flagValue<F extends FieldSpec>(flag: string, text: string, spec: F, refuse: (message: string) => Error): FieldValue<F> {
  const checked = checkField(spec, plainScalar(text));
  if (checked.ok) return checked.value;
  const hint = spec.type === 'enum' ? didYouMean(text, spec.values) : '';
  throw refuse(`--${flag} ${text.length > 60 ? `${text.slice(0, 60)}...` : text}: expected ${checked.expected}${hint}`);
}
