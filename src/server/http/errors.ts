// The one place TidelensError codes become HTTP statuses and {code, message} bodies.
// Codes whose messages may carry internals (SQL, hosts) answer with a fixed message; details go to the log.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isTidelensError } from '../../errors.ts';
import type { ErrorBody, ErrorCode } from '../../protocol/index.ts';

export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_input: 400,
  sql_rejected: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  expired: 410,
  db_not_empty: 409,
  rate_limited: 429,
  conversation_full: 409,
  too_many_conversations: 409,
  internal: 500,
  bad_config: 500,
  bad_db_url: 500,
  db_error: 500,
  model_error: 502,
  db_unreachable: 503,
  db_auth: 503,
  db_denied: 503,
  query_timeout: 504,
};

const PUBLIC_MESSAGE: Partial<Record<ErrorCode, string>> = {
  internal: 'something went wrong on the server; try again, and tell an administrator the request id if it persists',
  bad_config: 'the server is misconfigured; an administrator should check its start-up log',
  bad_db_url: 'the server is misconfigured; an administrator should check its start-up log',
  db_error: 'the database could not answer; try again, and tell an administrator the request id if it persists',
  db_unreachable: 'the database is unreachable; try again in a minute',
  db_auth: 'the server cannot log in to its database; an administrator should check its credentials',
  db_denied: 'the server lacks a database privilege; an administrator should check its grants',
};

export function toErrorBody(e: unknown, requestId?: string): { status: ContentfulStatusCode; body: ErrorBody } {
  if (isTidelensError(e)) {
    return { status: STATUS[e.code], body: { code: e.code, message: PUBLIC_MESSAGE[e.code] ?? e.message, requestId } };
  }
  return { status: 500, body: { code: 'internal', message: PUBLIC_MESSAGE.internal!, requestId } };
}
