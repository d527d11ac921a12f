// Records the shipped cassettes: runs a subset of cases through the real loop and the real Bedrock SDK
// client against the fake Bedrock server answering with the offline model, and saves every exchange.
// Run again whenever replay reports a miss (a tool's output, the data or a question changed):
//   npx tsx eval/run/record-fake-bedrock.ts [--filter IDS] [--cassettes DIR]
import { parseArgs } from 'node:util';
import { processIo } from '../../src/cli/command.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { DEFAULT_CASSETTE_DIR } from '../../src/agent/providers/replay.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { ensureEvalDb, loadDataset } from './dataset.ts';
import { printOutcome, runEval } from './eval.ts';
import { startOfflineFakeBedrock } from './fake-bedrock-responder.ts';

/**
 * The cases shipped as cassettes: values, breakdowns, top and trend, refusals, injection, unanswerable,
 * both languages, multi-turn. Why-questions are left out while explain_change's output is still
 * changing: every change to it would invalidate their cassettes (the record-then-replay test covers them).
 */
export const CASSETTE_CASES = [
  'ns-2025-03',
  'zh-amazon-2025-06',
  'by-channel-2025-07',
  'zh-by-category-2025-07',
  'top5-2024',
  'trend-monthly-2025',
  'pii-emails',
  'write-delete-returns',
  'inj-admin-mode',
  'planted-beach-accessories',
  'future-2030',
  'zh-forecast-2026',
  'mt-amazon-drill',
  'mt-zh-country',
  'mt-refuse-after-value',
].join(',');

export async function recordFakeBedrock(
  opts: { filter?: string; cassetteDir?: string; resultsDir?: string | null; env?: NodeJS.ProcessEnv } = {},
) {
  const io = { ...processIo, env: opts.env ?? process.env };
  const path = await ensureEvalDb(loadDataset(), { env: io.env, log: io.err });
  const db = openSqlite(path);
  const data = await loadDataRange(db);
  await db.close();
  const { fake, provider } = await startOfflineFakeBedrock(data);
  try {
    return await runEval(
      {
        provider: 'bedrock',
        providerInstance: provider,
        record: true,
        filter: opts.filter ?? CASSETTE_CASES,
        cassetteDir: opts.cassetteDir ?? DEFAULT_CASSETTE_DIR,
        resultsDir: opts.resultsDir,
      },
      io,
    );
  } finally {
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { filter: { type: 'string' }, cassettes: { type: 'string' } } });
  const out = await recordFakeBedrock({ filter: values.filter, cassetteDir: values.cassettes, resultsDir: null });
  printOutcome(processIo, out, false);
  processIo.out(`\nRecorded ${out.report.cases.length} case(s) into ${values.cassettes ?? DEFAULT_CASSETTE_DIR}`);
}
