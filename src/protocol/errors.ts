// The stable error codes: the server answers every failure as {code, message}, the UI and the CLI branch on code.
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'bad_input',
  'bad_db_url',
  'bad_config',
  'db_unreachable',
  'db_auth',
  'db_denied',
  'db_error',
  'db_not_empty',
  'query_timeout',
  'sql_rejected',
  'not_found',
  /** The conversation existed but expired: unsaved conversations are kept for a few days. */
  'expired',
  'unauthorized',
  'forbidden',
  'rate_limited',
  /** The conversation has as many turns as a conversation may hold: start a new one. */
  'conversation_full',
  /** The user has as many saved conversations as they may keep: delete or unstar one. */
  'too_many_conversations',
  'model_error',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Every non-2xx JSON answer; requestId lets an administrator find the details in the log. */
export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
