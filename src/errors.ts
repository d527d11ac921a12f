// One error type with a stable code; the CLI prints `message`, the server maps `code` to an HTTP status.
import type { ErrorCode } from './protocol/errors.ts';

// The code list is a zod enum in the protocol, so the browser and the server share one list.
export type { ErrorCode };

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
