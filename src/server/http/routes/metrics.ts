// GET /api/metrics: the Prometheus text exposition, for admins only (it reveals traffic, tool use and cost).
import { Hono } from 'hono';
import type { Metrics } from '../../metrics.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';

export function metricsRoutes(deps: { metrics: Metrics }) {
  const app = new Hono<AppEnv>();
  app.get('/metrics', requireRole('admin'), async (c) => {
    c.header('Content-Type', deps.metrics.contentType);
    return c.body(await deps.metrics.text());
  });
  return app;
}
