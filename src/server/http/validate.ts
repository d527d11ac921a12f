// zod at the edge: every body, param and query string goes through here and fails as bad_input with a readable line.
import type { Context } from 'hono';
import type { z } from 'zod';
import { TidelensError } from '../../errors.ts';

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const msg = r.error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  throw new TidelensError('bad_input', `${where}: ${msg}`);
}

/** A JSON body; other content types are refused so a cross-site form post can never reach a handler. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new TidelensError('bad_input', 'send the body as JSON with Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new TidelensError('bad_input', 'the request body is not valid JSON');
  }
  return parseOr400(schema, body, 'body');
}
