// Diagnosis aid: runs explain_change on one database that score.ts --keep left behind and prints its
// event causes (effect, share, z, facts) under the manifest's events (effect, share), so a share miss
// can be traced to an estimate. Reads the manifest, so it is an eval tool, never part of the app.
//   npx tsx eval/causes/debug-one.ts DIR/july-2025-drop-1-0.3.db
import { readFileSync } from 'node:fs';
import { openSqlite } from '../../src/db/sqlite.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../../src/tools/types.ts';
import type { Manifest } from '../../seed/manifest.ts';

interface Cause {
  kind: string;
  segment: Record<string, string[]>;
  effect: number | null;
  share: number | null;
  confidence: string;
  evidence?: { facts?: Record<string, unknown> };
}

const path = process.argv[2];
if (!path)
  throw new Error(
    'usage: npx tsx eval/causes/debug-one.ts DB_PATH (a database score.ts --keep left, with DB_PATH.manifest.json beside it)',
  );
const m = JSON.parse(readFileSync(`${path}.manifest.json`, 'utf8')) as Manifest;
const db = openSqlite(path);
try {
  const ctx: ToolContext = {
    db,
    user: { id: 'eval', role: 'admin' },
    data: await loadDataRange(db),
    limits: DEFAULT_LIMITS,
  };
  const c = m.comparisons[0]!;
  const r = await explainChange.run(
    explainChange.inputSchema.parse({ metric: m.metric, period: m.period, compare_to: { from: c.from, to: c.to } }),
    ctx,
  );
  const causes = (r.data as { causes: Cause[] }).causes;
  console.log(
    `${m.scenario} seed ${m.seed} scale ${m.scale}: ${m.metric} ${c.value} → ${m.value} (change ${c.change}; no-event baseline ${c.baseline_change}; interaction ${m.interaction})`,
  );
  for (const e of m.events)
    console.log(`  manifest ${e.id} (${e.kind}): effect ${e.effect}, share ${e.share_of_change[c.label]}`);
  for (const x of causes) {
    console.log(
      `  cause ${x.kind} ${JSON.stringify(x.segment).slice(0, 80)}: effect ${x.effect}, share ${x.share}, ${x.confidence}${x.evidence?.facts ? ` ${JSON.stringify(x.evidence.facts).slice(0, 160)}` : ''}`,
    );
  }
} finally {
  await db.close();
}
