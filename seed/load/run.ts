// One seed run: open the target, stream the generator into the loader (and the in-memory metric),
// measure each event's effect, write the manifest file and tables, commit. Any failure aborts the
// loader so no half-loaded tables stay behind.
import type { DbTarget } from '../../src/db/url.ts';
import { describeTarget } from '../../src/db/url.ts';
import { dayStr, parseDay } from '../generator/calendar.ts';
import { generate } from '../generator/index.ts';
import { buildPools } from '../generator/pools.ts';
import type { RowSink } from '../generator/sink.ts';
import { buildManifest, manifestTables, metricSinkFor, writeManifestFile, type Manifest } from '../manifest.ts';
import { MetricSink, tee } from '../metrics.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { buildCatalog } from '../generator/catalog.ts';
import { loaderFor, type MysqlMethod } from './index.ts';
import { Progress, type ProgressIo } from './progress.ts';

export interface SeedRun {
  target: DbTarget;
  seed: number;
  scale: number;
  from: string;
  to: string;
  scenario: Scenario;
  scenarioName: string;
  force: boolean;
  io: ProgressIo;
  quiet?: boolean;
  /** MySQL only: 'insert' skips LOAD DATA LOCAL INFILE. */
  mysqlMethod?: MysqlMethod;
}

export interface SeedResult {
  rowCounts: Map<string, number>;
  totalRows: number;
  loadSeconds: number;
  manifestSeconds: number;
  manifestPath: string;
  manifest: Manifest;
  method: string;
}

export function manifestPathFor(t: DbTarget): string {
  return t.engine === 'sqlite' ? `${t.path}.manifest.json` : `./data/${t.database}.manifest.json`;
}

export async function runSeed(r: SeedRun): Promise<SeedResult> {
  const loader = loaderFor(r.target, r.force, r.mysqlMethod);
  const progress = new Progress(r.io, () => loader.rowCounts);
  await loader.begin();
  if (!r.quiet) progress.note(`seed: loading with ${loader.method}`);
  try {
    const start = performance.now();
    const fromDay = parseDay(r.from);
    const span = parseDay(r.to) - fromDay + 1;
    const pools = buildPools(r.seed);
    const metrics: MetricSink = metricSinkFor(r.scenario, { catalog: buildCatalog(r.seed, fromDay, parseDay(r.to)) });
    let days = 0;
    const watch: RowSink = {
      add: () => {},
      flush: async () => {
        days++;
        if (!r.quiet)
          progress.update(Math.min(1, days / span), dayStr(Math.min(fromDay + days - 1, fromDay + span - 1)));
      },
    };
    const info = await generate(
      { seed: r.seed, scale: r.scale, from: r.from, to: r.to, events: r.scenario.events, pools },
      tee(loader, metrics, watch),
    );
    await loader.flush(true);
    const streamSeconds = (performance.now() - start) / 1000;
    if (!r.quiet)
      progress.note(
        `seed: measuring the effect of ${r.scenario.events.length} scenario events (re-running the generator in memory)...`,
      );
    const m0 = performance.now();
    const manifest = await buildManifest(
      { seed: r.seed, scale: r.scale, from: r.from, to: r.to, scenario: r.scenario, pools },
      info,
      metrics,
    );
    const manifestSeconds = (performance.now() - m0) / 1000;
    const manifestPath = manifestPathFor(r.target);
    writeManifestFile(manifestPath, manifest);
    const f0 = performance.now();
    await loader.finish({
      meta: {
        created_by: 'tidelens seed',
        tool_version: '0.1.0',
        seed: r.seed,
        scale: r.scale,
        scenario: r.scenarioName,
        data_from: r.from,
        data_to: r.to,
        created_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
      },
      ...manifestTables(manifest),
    });
    // End to end: generation, inserts, indexes and the commit marker; only the manifest's
    // counterfactual re-runs are timed apart.
    const loadSeconds = streamSeconds + (performance.now() - f0) / 1000;
    const totalRows = [...loader.rowCounts.values()].reduce((a, b) => a + b, 0);
    return {
      rowCounts: loader.rowCounts,
      totalRows,
      loadSeconds,
      manifestSeconds,
      manifestPath,
      manifest,
      method: loader.method,
    };
  } catch (e) {
    await loader.abort();
    throw e;
  }
}

export function describeRun(r: SeedRun): string {
  return `${describeTarget(r.target)} (seed ${r.seed}, scale ${r.scale}, ${r.from}..${r.to}, scenario ${r.scenarioName})`;
}
