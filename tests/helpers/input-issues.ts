import { InputInvalidError, type SourceIssue } from '../../orchestrator/src/errors.ts';

/** The issues `parse` throws (InputInvalidError); fails when it accepts the input. */
export function issuesOf(parse: () => unknown): SourceIssue[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof InputInvalidError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the input to be invalid');
}
