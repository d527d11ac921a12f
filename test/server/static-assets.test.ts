// The built UI: brotli and gzip twins written by the build, picked by Accept-Encoding, cached for a year when
// the name carries a content hash; index.html revalidated. Runs the real build once into a temp folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/server/http/static.ts';
import { buildUi } from '../../src/ui/build.ts';
import { harness, type Harness } from './support.ts';

let h: Harness;
let uiDir: string;
let main: string;

beforeAll(async () => {
  uiDir = join(mkdtempSync(join(tmpdir(), 'tl-ui-')), 'ui');
  await buildUi(uiDir, { quiet: true });
  main = readdirSync(join(uiDir, 'assets')).find((f) => /^main-[A-Z0-9]{8}\.js$/.test(f))!;
  h = await harness({ TIDELENS_UI_DIR: uiDir });
}, 120_000);
afterAll(async () => {
  await h?.close();
  rmSync(join(uiDir, '..'), { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => h.app.request(path, { headers });

describe('build', () => {
  it('writes brotli and gzip twins that decompress to each hashed asset', () => {
    const files = readdirSync(join(uiDir, 'assets'));
    const big = files.filter((f) => /\.(js|css)$/.test(f) && readFileSync(join(uiDir, 'assets', f)).length >= 1024);
    expect(big.length).toBeGreaterThanOrEqual(3);
    for (const f of big) {
      const raw = readFileSync(join(uiDir, 'assets', f));
      expect(brotliDecompressSync(readFileSync(join(uiDir, 'assets', `${f}.br`))).equals(raw)).toBe(true);
      expect(gunzipSync(readFileSync(join(uiDir, 'assets', `${f}.gz`))).equals(raw)).toBe(true);
      expect(f).toMatch(/-[A-Z0-9]{8}\.(js|css)$/);
    }
    const html = readFileSync(join(uiDir, 'index.html'), 'utf8');
    expect(html).toContain(`/assets/${main}`);
  });
});

describe('serving', () => {
  it('sends brotli, gzip or the plain file by Accept-Encoding, always with Vary', async () => {
    const raw = readFileSync(join(uiDir, 'assets', main));
    const cases = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip;q=0.9', 'gzip'],
      ['', null],
      ['identity', null],
      ['br;q=0, gzip;q=0', null],
    ] as const;
    for (const [accept, want] of cases) {
      const res = await get(`/assets/${main}`, accept ? { 'accept-encoding': accept } : {});
      expect(res.status, accept).toBe(200);
      expect(res.headers.get('content-encoding'), accept).toBe(want);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
      const body = Buffer.from(await res.arrayBuffer());
      const plain = want === 'br' ? brotliDecompressSync(body) : want === 'gzip' ? gunzipSync(body) : body;
      expect(plain.equals(raw), accept).toBe(true);
      if (want) expect(body.length).toBeLessThan(raw.length / 3);
    }
  });

  it('revalidates index.html on every load and answers 304 to its ETag', async () => {
    const res = await get('/some/page');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain(main);
    const again = await get('/', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a missing asset or a path out of assets/', async () => {
    expect((await get('/assets/main-AAAAAAAA.js')).status).toBe(404);
    expect((await get('/assets/..%2Findex.html')).status).toBe(404);
    expect((await get('/assets/nested/main.js')).status).toBe(404);
    expect((await get('/assets/.env')).status).toBe(404);
  });

  it('reads q-values', () => {
    expect(pickEncoding('gzip;q=1.0, br;q=0.8', ['br', 'gzip'])).toBe('gzip');
    expect(pickEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(pickEncoding('br', ['gzip'])).toBe('identity');
    expect(pickEncoding('identity;q=0, gzip;q=0.1', ['br', 'gzip'])).toBe('gzip');
  });
});
