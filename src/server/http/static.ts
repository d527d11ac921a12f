// The built UI from config.uiDir: hashed assets cached for a year, index.html for every other page path.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

export function mountUi(app: Hono<AppEnv>, uiDir: string): void {
  app.use(
    '/assets/*',
    serveStatic({
      root: uiDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    let html: string;
    try {
      html = await readFile(join(uiDir, 'index.html'), 'utf8');
    } catch {
      return c.text('The UI is not built yet: run `npx tidelens serve` (it builds it) or `npx tsx src/ui/build.ts`.', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  });
}
