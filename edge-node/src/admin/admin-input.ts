import { MAX_REASON_LENGTH, type ForceHealthBody, type ReasonBody } from '../../../contracts/edge-admin.ts';
import { EdgeError } from '../errors.ts';

/** Body of `POST /health/force`: `{"unhealthy": true|false, "reason"?: string}`. */
export function parseForceBody(body: unknown): Required<ForceHealthBody> {
  const fields = objectBody(body, ['unhealthy', 'reason']);
  if (typeof fields['unhealthy'] !== 'boolean') {
    throw invalid(
      fields['unhealthy'] === undefined
        ? 'field "unhealthy" is required: true or false'
        : `field "unhealthy" must be true or false, got ${JSON.stringify(fields['unhealthy'])}`,
    );
  }
  return { unhealthy: fields['unhealthy'], reason: reasonField(fields, 'operator switch') };
}

/** Body of `POST /drain` and `POST /undrain`: none, or `{"reason"?: string}`. */
export function parseReasonBody(body: unknown, defaultReason: string): Required<ReasonBody> {
  if (body === undefined || body === null) return { reason: defaultReason };
  return { reason: reasonField(objectBody(body, ['reason']), defaultReason) };
}

function objectBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(`body must be a JSON object with fields ${allowed.join(', ')}`);
  }
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw invalid(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed.join(', ')})`);
  }
  return body as Record<string, unknown>;
}

function reasonField(fields: Record<string, unknown>, fallback: string): string {
  const reason = fields['reason'];
  if (reason === undefined) return fallback;
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON_LENGTH) {
    throw invalid(`field "reason" must be a non-empty string of at most ${MAX_REASON_LENGTH} characters`);
  }
  return reason;
}

function invalid(message: string): EdgeError {
  return new EdgeError('INPUT_INVALID', message);
}
