// One error type with a stable code; the CLI prints `message`, the server maps `code` to an HTTP status.
export type ErrorCode =
  | 'bad_input'
  | 'bad_db_url'
  | 'bad_config'
  | 'db_unreachable'
  | 'db_auth'
  | 'db_denied'
  | 'db_error'
  | 'db_not_empty'
  | 'query_timeout'
  | 'sql_rejected'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'model_error'
  | 'internal';

export class TidelensError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TidelensError';
  }
}

export function isTidelensError(e: unknown): e is TidelensError {
  return e instanceof TidelensError;
}
