// Bundles the UI into dist/ui with esbuild: one small entry chunk, vega-embed split into a lazy chunk,
// hashed file names, and an index.html that references them. Prints every file's size (raw and gzip).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export interface BuiltFile {
  file: string;
  bytes: number;
  gzip: number;
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
  const files = [...outputs.map((f) => resolve(f)), join(outDir, 'index.html')].map((f) => {
    const buf = readFileSync(f);
    return { file: relative(outDir, f), bytes: buf.length, gzip: gzipSync(buf).length };
  });
  if (!opts.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    for (const f of files.sort((a, b) => a.bytes - b.bytes))
      console.log(`${f.file.padEnd(40)} ${kb(f.bytes).padStart(11)}  gzip ${kb(f.gzip).padStart(10)}`);
    const first = files.filter(
      (f) => f.file === 'index.html' || f.file.includes('main-') || f.file.includes('styles-'),
    );
    console.log(
      `first screen (html + main + css): ${kb(first.reduce((s, f) => s + f.gzip, 0))} gzip; charts load on demand`,
    );
  }
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildUi();
}
