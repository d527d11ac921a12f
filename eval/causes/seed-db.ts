// Seeds one scenario into a database and returns its ground-truth manifest, the way the seed
// command does (generator → loader, with the in-memory metrics teed in, then the manifest). The
// scoring script uses it for throwaway SQLite files and MariaDB databases.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbTarget } from '../../src/db/url.ts';
import { parseDay } from '../../seed/generator/calendar.ts';
import { buildCatalog } from '../../seed/generator/catalog.ts';
import { generate } from '../../seed/generator/index.ts';
import { loaderFor } from '../../seed/load/index.ts';
import { buildManifest, manifestTables, metricSinkFor, writeManifestFile, type Manifest } from '../../seed/manifest.ts';
import { tee } from '../../seed/metrics.ts';
import type { Scenario } from '../../seed/scenarios/schema.ts';
import type { Drawn } from './draw.ts';

export interface SeedRun {
  scenario: Scenario;
  seed: number;
  scale: number;
  from: string;
  to: string;
  target: DbTarget;
  /** Where to write the manifest JSON (beside the database), if anywhere. */
  manifestPath?: string;
}

export async function seedScenario(r: SeedRun): Promise<{ manifest: Manifest; rows: number; ms: number }> {
  const t0 = performance.now();
  const loader = loaderFor(r.target, true);
  await loader.begin();
  try {
    const opts = { seed: r.seed, scale: r.scale, from: r.from, to: r.to, events: r.scenario.events };
    // The catalogue is a pure function of the seed and span; the probe needs its costs before the run.
    const probe = metricSinkFor(r.scenario, { catalog: buildCatalog(r.seed, parseDay(r.from), parseDay(r.to)) });
    const info = await generate(opts, tee(loader, probe));
    // Drain the loads before measuring: the measurement re-runs the generator synchronously, and a MariaDB
    // LOAD DATA LOCAL waiting on a blocked event loop for longer than net_read_timeout (30 s) is dropped.
    await loader.flush(true);
    const manifest = await buildManifest({ ...opts, scenario: r.scenario, pools: info.pools }, info, probe);
    await loader.finish({
      meta: {
        created_by: 'eval/causes',
        tool_version: '0',
        seed: r.seed,
        scale: r.scale,
        scenario: r.scenario.name,
        data_from: r.from,
        data_to: r.to,
        created_at: new Date().toISOString(),
      },
      ...manifestTables(manifest),
    });
    if (r.manifestPath) writeManifestFile(r.manifestPath, manifest);
    let rows = 0;
    for (const n of loader.rowCounts.values()) rows += n;
    return { manifest, rows, ms: performance.now() - t0 };
  } catch (e) {
    await loader.abort();
    throw e;
  }
}

/**
 * A drawn case's SQLite database and manifest in `dir`, seeded on first use and reused after: the
 * probes re-run explain_change on a class's cases many times, and seeding is most of a case's time.
 * Null when the case is not seeded yet and `onlySeeded` says not to.
 */
export async function seededCase(
  dir: string,
  d: Drawn,
  scale: number,
  onlySeeded = false,
): Promise<{ path: string; manifest: Manifest } | null> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `s${d.seed}.db`);
  const mpath = join(dir, `s${d.seed}.json`);
  if (!existsSync(mpath)) {
    if (onlySeeded) return null;
    const r = await seedScenario({
      scenario: d.scenario,
      seed: d.seed,
      scale,
      ...d.span,
      target: { engine: 'sqlite', path },
    });
    writeFileSync(mpath, JSON.stringify(r.manifest));
  }
  return { path, manifest: JSON.parse(readFileSync(mpath, 'utf8')) as Manifest };
}
