// GET /api/health (public, for the load balancer) and GET /api/schema (what can be asked about).
import { Hono } from 'hono';
import { ANALYTICS_TABLES } from '../../../warehouse/schema.ts';
import type { Db } from '../../../db/types.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';

export function metaRoutes(deps: { db: Db }) {
  const app = new Hono<AppEnv>();

  app.get('/health', async (c) => {
    try {
      await deps.db.query('SELECT 1 AS ok', [], { timeoutMs: 2000 });
      return c.json({ status: 'ok', db: 'ok' });
    } catch {
      return c.json({ status: 'degraded', db: 'unreachable' }, 503);
    }
  });

  // Personal columns are left out: the UI only lists what the assistant may use.
  app.get('/schema', requireRole('viewer'), (c) =>
    c.json({
      tables: ANALYTICS_TABLES.map((t) => ({
        name: t.name,
        columns: t.columns.filter((col) => !col.pii).map((col) => ({ name: col.name, type: col.type.kind })),
      })),
    }),
  );

  return app;
}
