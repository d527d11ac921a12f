// GET /api/health (public, for the load balancer) and GET /api/schema (what can be asked about).
import { Hono } from 'hono';
import { ANALYTICS_TABLES } from '../../../warehouse/schema.ts';
import type { Db } from '../../../db/types.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';

type Probe = 'ok' | 'unreachable';

async function probe(db: Db): Promise<Probe> {
  try {
    await db.query('SELECT 1 AS ok', [], { timeoutMs: 2000 });
    return 'ok';
  } catch {
    return 'unreachable';
  }
}

/** A stable code per failure, so a load balancer rule or an alert can tell which database went away. */
function healthCode(warehouse: Probe, appDb: Probe): string | undefined {
  if (warehouse === 'ok' && appDb === 'ok') return undefined;
  if (warehouse !== 'ok' && appDb !== 'ok') return 'databases_unreachable';
  return warehouse === 'ok' ? 'app_db_unreachable' : 'warehouse_unreachable';
}

/** `db` is the app database (logins); `warehouse` is what the assistant queries; without one they are the same. */
export function metaRoutes(deps: { db: Db; warehouse?: Db }) {
  const app = new Hono<AppEnv>();

  app.get('/health', async (c) => {
    const same = !deps.warehouse || deps.warehouse === deps.db;
    const [appDb, warehouse] = await Promise.all([probe(deps.db), same ? undefined : probe(deps.warehouse!)]);
    const w = warehouse ?? appDb;
    const code = healthCode(w, appDb);
    const db: Probe = code ? 'unreachable' : 'ok';
    if (!code) return c.json({ status: 'ok', db, warehouse: w, appDb });
    return c.json({ status: 'degraded', code, db, warehouse: w, appDb }, 503);
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
