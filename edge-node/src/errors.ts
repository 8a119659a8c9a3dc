/**
 * Failures of the edge service carry a stable `code` (callers branch on it) and a message that
 * says what to do (operators read it), in the style of orchestrator/src/errors.ts.
 */
export type EdgeErrorCode =
  | 'CONFIG_INVALID'
  | 'INPUT_INVALID'
  | 'ADMIN_BUSY'
  | 'FRR_COMMAND_FAILED'
  | 'FRR_STATE_UNREADABLE'
  | 'UPSTREAM_FAILED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_TOO_LARGE';

export class EdgeError extends Error {
  readonly code: EdgeErrorCode;
  constructor(code: EdgeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EdgeError';
    this.code = code;
  }
}

export function isEdgeError(error: unknown, code?: EdgeErrorCode): error is EdgeError {
  return error instanceof EdgeError && (code === undefined || error.code === code);
}
