// Bundles the UI into dist/ui with esbuild: one small entry chunk, vega-embed split into a lazy chunk,
// hashed file names, and an index.html that references them. Every asset gets brotli and gzip twins
// (name.js.br, name.js.gz) that the server picks by Accept-Encoding, so nothing is compressed per request.
// Prints every file's size (raw, gzip and brotli).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export interface BuiltFile {
  file: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Below this a compressed twin saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/** Sizes a file; with `twins`, writes file.br and file.gz beside it at the top levels: built once, served often. */
async function precompress(path: string, twins: boolean): Promise<BuiltFile> {
  const buf = readFileSync(path);
  const [br, gz] = await Promise.all([
    brotliAsync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
    gzipAsync(buf, { level: 9 }),
  ]);
  if (twins && buf.length >= MIN_COMPRESS_BYTES) {
    if (br.length < buf.length) writeFileSync(`${path}.br`, br);
    if (gz.length < buf.length) writeFileSync(`${path}.gz`, gz);
  }
  return { file: path, bytes: buf.length, gzip: gz.length, brotli: br.length };
}

export async function buildUi(
  outDir = resolve(here, '../../dist/ui'),
  opts: { quiet?: boolean } = {},
): Promise<BuiltFile[]> {
  rmSync(outDir, { recursive: true, force: true });
  const assets = join(outDir, 'assets');
  mkdirSync(assets, { recursive: true });
  const result = await build({
    entryPoints: { main: join(here, 'main.tsx'), styles: join(here, 'styles.css') },
    outdir: assets,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs);
  const main = outputs.find((f) => /\/main-[^/]+\.js$/.test(f))!;
  const styles = outputs.find((f) => /\/styles-[^/]+\.css$/.test(f))!;
  const html = readFileSync(join(here, 'index.html'), 'utf8')
    .replace('%MAIN%', basename(main))
    .replace('%STYLES%', basename(styles));
  writeFileSync(join(outDir, 'index.html'), html);
  const files = (
    await Promise.all([
      ...outputs.map((f) => precompress(resolve(f), true)),
      // index.html is a few hundred bytes and revalidated on every load: no twins.
      precompress(join(outDir, 'index.html'), false),
    ])
  ).map((f) => ({ ...f, file: relative(outDir, f.file) }));
  if (!opts.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    for (const f of files.sort((a, b) => a.bytes - b.bytes))
      console.log(
        `${f.file.padEnd(40)} ${kb(f.bytes).padStart(11)}  gzip ${kb(f.gzip).padStart(10)}` +
          `  br ${kb(f.brotli).padStart(10)}`,
      );
    const first = files.filter(
      (f) => f.file === 'index.html' || f.file.includes('main-') || f.file.includes('styles-'),
    );
    console.log(
      `first screen (html + main + css): ${kb(first.reduce((s, f) => s + f.gzip, 0))} gzip, ` +
        `${kb(first.reduce((s, f) => s + f.brotli, 0))} brotli; charts load on demand`,
    );
  }
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildUi();
}
