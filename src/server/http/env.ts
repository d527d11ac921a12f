// The Hono environment shared by every route: what middleware puts on the context.
import type { SessionUser } from '../auth/sessions.ts';

export interface AppEnv {
  Variables: {
    requestId: string;
    user: SessionUser | null;
    /** Filled by routes for the request log line: what the request did, never what it contained. */
    logFields: Record<string, unknown>;
  };
}
