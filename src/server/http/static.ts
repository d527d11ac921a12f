// The built UI from config.uiDir. Assets are served from their precompressed twins (.br, .gz, written by
// src/ui/build.ts) by the client's Accept-Encoding, always with Vary: Accept-Encoding; names with a content
// hash are cached for a year, and index.html, served for every other page path, is revalidated each time.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './env.ts';

/** esbuild's `[name]-[hash]`: a content hash of 8 upper-case letters and digits. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
/** One path segment of letters, digits, dots, dashes and underscores: nothing to climb out of assets/ with. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
  png: 'image/png',
};

export type Encoding = 'br' | 'gzip' | 'identity';
const SUFFIX: Record<Exclude<Encoding, 'identity'>, string> = { br: '.br', gzip: '.gz' };

/** The twin of `available` the client weighs highest (RFC 9110 §12.5.3 q-values); brotli first on a tie. */
export function pickEncoding(accept: string | undefined, available: readonly Encoding[]): Encoding {
  const q = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [raw, ...params] = part.toLowerCase().split(';');
    const token = raw?.trim();
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: Encoding) => q.get(e) ?? q.get('*') ?? 0;
  // Any twin the client takes beats the plain file, which is bigger for the same bytes once unpacked.
  let best: Encoding = 'identity';
  for (const e of ['br', 'gzip'] as const) {
    if (available.includes(e) && weight(e) > 0 && (best === 'identity' || weight(e) > weight(best))) best = e;
  }
  return best;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function serveAsset(c: Context<AppEnv>, dir: string, name: string): Promise<Response> {
  const path = join(dir, name);
  if (!SAFE_NAME.test(name) || !(await exists(path))) return c.text('no such asset', 404);
  const twins = await Promise.all(
    (['br', 'gzip'] as const).map(async (e) => ((await exists(path + SUFFIX[e])) ? e : null)),
  );
  const encoding = pickEncoding(
    c.req.header('Accept-Encoding'),
    twins.filter((e) => e !== null),
  );
  const body = await readFile(encoding === 'identity' ? path : path + SUFFIX[encoding]);
  const headers: Record<string, string> = {
    'Content-Type': TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
    'Cache-Control': HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
    Vary: 'Accept-Encoding',
  };
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  return c.body(body, 200, headers);
}

async function serveIndex(c: Context<AppEnv>, uiDir: string): Promise<Response> {
  let html: string;
  try {
    html = await readFile(join(uiDir, 'index.html'), 'utf8');
  } catch {
    return c.text(
      'The UI is not built yet: run `npx tidelens serve` (it builds it) or `npx tsx src/ui/build.ts`.',
      503,
    );
  }
  // It names the hashed assets, so it must be checked on every load; the ETag makes that check cheap.
  const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`;
  c.header('Cache-Control', 'no-cache');
  c.header('ETag', etag);
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
  return c.html(html);
}

export function mountUi(app: Hono<AppEnv>, uiDir: string): void {
  app.get('/assets/:name', (c) => serveAsset(c, join(uiDir, 'assets'), c.req.param('name')));
  // Deeper paths are never assets, and must not fall through to index.html.
  app.get('/assets/*', (c) => c.text('no such asset', 404));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return serveIndex(c, uiDir);
  });
}
