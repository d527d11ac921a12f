// GET /api/overview: KPI cards for the empty chat, computed server-side from the query tools.
import { Hono } from 'hono';
import { TidelensError } from '../../../errors.ts';
import type { Overview } from '../../../protocol/index.ts';
import type { ToolUser } from '../../../tools/types.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';

export type OverviewSource = (user: ToolUser, signal?: AbortSignal) => Promise<Overview>;

export function overviewRoutes(deps: { overview?: OverviewSource }) {
  const app = new Hono<AppEnv>();
  app.get('/overview', requireRole('viewer'), async (c) => {
    if (!deps.overview) throw new TidelensError('not_found', 'the overview is not available on this server');
    const u = c.get('user')!;
    return c.json(await deps.overview({ id: String(u.id), role: u.role }, c.req.raw.signal));
  });
  return app;
}
