/**
 * Whether a YAML file is a scenario or a topology, from its top-level keys: a scenario has
 * `steps` or `steady-state`, a topology has neither. Cheap on purpose: the real readers report
 * every problem once the kind is known.
 */
export function detectInputKind(text: string): 'scenario' | 'topology' {
  return /^(steps|steady-state)\s*:/m.test(text) ? 'scenario' : 'topology';
}
