// One eval run: open (or seed) the eval warehouse, pick the provider, run the selected cases through the
// real loop, score, write eval/results/<timestamp>.{json,md} and say whether the thresholds hold.
import type { Io } from '../../src/cli/command.ts';
import { cliUser, loadTools } from '../../src/cli/turn-deps.ts';
import { openDb, resolveDbTarget, type Db, type DbTarget } from '../../src/db/index.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { TidelensError } from '../../src/errors.ts';
import { loadConfig } from '../../src/agent/config.ts';
import { createProvider } from '../../src/agent/providers/factory.ts';
import { DEFAULT_CASSETTE_DIR, ReplayProvider } from '../../src/agent/providers/replay.ts';
import type { ModelProvider } from '../../src/agent/providers/types.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import type { Tool } from '../../src/tools/types.ts';
import { filterCases, loadCases, QUESTIONS_DIR, type Case } from './cases.ts';
import { checkSeeded, ensureEvalDb, loadDataset, loadManifest } from './dataset.ts';
import { buildPiiIndex } from './pii.ts';
import { buildReport, caseLine, loadThresholds, summaryLines, writeReport, type Report } from './report.ts';
import { runCases } from './runner.ts';

export const EVAL_PROVIDERS = ['offline', 'replay', 'bedrock', 'openai'] as const;
export type EvalProvider = (typeof EVAL_PROVIDERS)[number];

export interface EvalOptions {
  provider: EvalProvider;
  /** sqlite:PATH or mysql://…; default: the cached eval warehouse, seeded when missing. */
  db?: string;
  filter?: string;
  record?: boolean;
  cassetteDir?: string;
  minScore?: number;
  questionsDir?: string;
  resultsDir?: string | null;
  /** A provider built by the caller (the fake-Bedrock recorder); overrides `provider`. */
  providerInstance?: ModelProvider;
  tools?: Tool[];
  /** Print a line per case as it finishes. */
  progress?: boolean;
}

export interface EvalOutcome {
  report: Report;
  files: { json: string; md: string } | null;
  ok: boolean;
}

export async function runEval(o: EvalOptions, io: Io): Promise<EvalOutcome> {
  const startedAt = new Date().toISOString();
  const cfg = loadConfig(io.env);
  const dataset = loadDataset(`${o.questionsDir ?? QUESTIONS_DIR}/dataset.json`);
  const warnings: string[] = [];
  if (o.record && !o.providerInstance && (o.provider === 'offline' || o.provider === 'replay')) {
    throw new TidelensError(
      'bad_input',
      'eval: --record needs a live provider (--provider bedrock or openai); the offline model and replay have nothing new to record',
    );
  }
  const cassetteDir = o.cassetteDir ?? DEFAULT_CASSETTE_DIR;
  const provider =
    o.providerInstance ??
    (o.provider === 'replay' ? ReplayProvider.fromDir(cassetteDir) : await createProvider(o.provider, cfg));

  let target: DbTarget;
  if (o.db) target = resolveDbTarget(o.db, io.env);
  else target = { engine: 'sqlite', path: await ensureEvalDb(dataset, { env: io.env, log: io.err }) } as DbTarget;
  // The assistant's connection is read-only where the driver allows it, as in the server; a writable
  // open first switches the file to WAL, which a read-only connection cannot do.
  if (target.engine === 'sqlite') await openSqlite(target.path).close();
  const db: Db = target.engine === 'sqlite' ? openSqlite(target.path, { readonly: true }) : await openDb(target);
  try {
    if (o.db) {
      const w = await checkSeeded(db, dataset);
      if (w) warnings.push(w);
    }
    const manifest = loadManifest(target);
    let cases = filterCases(loadCases(o.questionsDir), o.filter);
    checkCauseIds(
      cases,
      manifest.events.map((e) => e.id),
    );
    if (provider instanceof ReplayProvider) {
      const recorded = provider.caseIds;
      const missing = cases.filter((c) => !recorded.has(c.id));
      // Without a filter, replay runs what was recorded; a case named in --filter with no cassette still runs and
      // misses loudly.
      if (!o.filter && missing.length) {
        warnings.push(`replay: ${missing.length} case(s) have no cassette in ${cassetteDir} and were skipped`);
        cases = cases.filter((c) => recorded.has(c.id));
      }
    }
    if (!cases.length)
      throw new TidelensError(
        'bad_input',
        `eval: no case matches --filter "${o.filter}"; use a tag (e.g. value, why, refuse, multi-turn, zh), a set (main, heldout) or a case id`,
      );

    const results = await runCases(cases, {
      db,
      data: await loadDataRange(db),
      manifest,
      tools: o.tools ?? (await loadTools()),
      cfg,
      user: cliUser(io.env),
      pii: await buildPiiIndex(db),
      provider,
      recordDir: o.record ? cassetteDir : undefined,
      onCase: o.progress ? (r, i, n) => io.err(`[${i + 1}/${n}] ${caseLine(r)}`) : undefined,
    });
    if (provider instanceof ReplayProvider && provider.drift) {
      warnings.push(
        `replay: ${provider.drift} exchange(s) were recorded with a different system prompt or tool descriptions; record again to refresh`,
      );
    }
    const th = loadThresholds();
    if (o.minScore !== undefined) th.score = o.minScore;
    const report = buildReport(
      {
        startedAt,
        provider: provider instanceof ReplayProvider ? `replay (${provider.name})` : provider.name,
        modelId: provider.modelId,
        database: db.label,
        dataset,
        filter: o.filter ?? null,
        warnings,
      },
      results,
      th,
    );
    const files = o.resultsDir === null ? null : writeReport(report, o.resultsDir ?? 'eval/results');
    return { report, files, ok: report.failures.length === 0 };
  } finally {
    await db.close();
  }
}

function checkCauseIds(cases: Case[], known: string[]): void {
  for (const c of cases) {
    for (const t of c.turns) {
      const bad = (t.expect.causes ?? []).filter((id) => !known.includes(id));
      if (bad.length)
        throw new TidelensError(
          'bad_input',
          `eval: case ${c.id} expects cause(s) ${bad.join(', ')} that the manifest does not have (it has ${known.join(', ')})`,
        );
    }
  }
}

export function printOutcome(io: Io, out: EvalOutcome, json: boolean): void {
  const r = out.report;
  if (json) {
    io.out(
      JSON.stringify(
        {
          ok: out.ok,
          files: out.files,
          totals: r.totals,
          bySet: r.bySet,
          byTag: r.byTag,
          failures: r.failures,
          warnings: r.warnings,
          cases: r.cases.map((c) => ({ id: c.id, set: c.set, pass: c.pass })),
        },
        null,
        2,
      ),
    );
    return;
  }
  for (const c of r.cases) io.out(caseLine(c));
  io.out('');
  for (const l of summaryLines(r.totals, 'all')) io.out(l);
  for (const [k, t] of Object.entries(r.bySet)) for (const l of summaryLines(t, k)) io.out(l);
  for (const c of r.cases)
    for (const m of c.replayMisses)
      io.out(`REPLAY MISS in case ${c.id}: ${m}. Record the cassettes again: npx tsx eval/run/record-fake-bedrock.ts`);
  for (const w of r.warnings) io.out(`warning: ${w}`);
  if (out.files) io.out(`\nReport: ${out.files.md} (JSON ${out.files.json})`);
  if (r.failures.length) io.out(`\nFAILED: ${r.failures.join('; ')}`);
}
