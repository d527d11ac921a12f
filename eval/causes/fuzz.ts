// Scenario fuzzer for explain_change: draws a scenario per seed (draw.ts), seeds only the months it
// needs, computes the manifest, runs explain_change and scores it with the rules of score.ts, then
// prints recall, precision and shares per event kind and per metric, and every invariant that failed.
//   npx tsx eval/causes/fuzz.ts --seeds A..B [--scale 0.3] [--json] [--lead DAYS]
// Development seeds are 1-10000, test seeds 100001+; see README.md beside this file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drawScenario } from './draw.ts';
import { runCase, type CaseResult } from './run-case.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1..20' },
    scale: { type: 'string', default: '0.3' },
    lead: { type: 'string', default: '92' },
    json: { type: 'boolean', default: false },
  },
});

export function parseSeeds(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const m = /^(\d+)\.\.(\d+)$/.exec(part.trim());
    if (!m) return [Number(part)];
    const out: number[] = [];
    for (let s = Number(m[1]); s <= Number(m[2]); s++) out.push(s);
    return out;
  });
}

const seeds = parseSeeds(values.seeds!);
const scale = Number(values.scale);
const dir = mkdtempSync(join(tmpdir(), 'tl-fuzz-'));
const results: CaseResult[] = [];
try {
  for (const seed of seeds) {
    const d = drawScenario(seed, { leadDays: Number(values.lead) });
    try {
      const r = await runCase(d, scale, dir);
      results.push(r);
      const shares = r.shares.map((x) => `${x.kind} ${pct(x.est)} vs ${pct(x.truth)}${x.ok ? '' : ' ✗'}`).join('; ');
      console.error(
        `seed ${seed} ${d.metric} ${d.scenario.target.period.from.slice(0, 7)} vs ${d.comparison} [${r.events.join(', ')}]: ` +
          `recall ${r.hits}/${r.planted}, precision ${r.correct}/${r.reported}${r.falseKinds.length ? ` (false: ${r.falseKinds.join(', ')})` : ''}` +
          `${shares ? `, shares ${shares}` : ''}${r.violations.length ? ` VIOLATIONS: ${r.violations.join('; ')}` : ''}`,
      );
    } catch (e) {
      console.error(`seed ${seed} ${d.metric}: FAILED ${(e as Error).stack ?? e}`);
      process.exitCode = 1;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (values.json) console.log(JSON.stringify(results, null, 1));
else printTables(results);

function pct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(0)}%`;
}

interface Tally {
  planted: number;
  hits: number;
  reported: number;
  correct: number;
  shares: number;
  sharesOk: number;
}

function empty(): Tally {
  return { planted: 0, hits: 0, reported: 0, correct: 0, shares: 0, sharesOk: 0 };
}

function ratio(a: number, b: number): string {
  return b ? `${a}/${b} = ${(a / b).toFixed(2)}` : '—';
}

function table(title: string, by: Map<string, Tally>): void {
  console.log(`\n${title.padEnd(16)} | recall            | precision         | share within 10 pp`);
  for (const [k, t] of [...by].sort()) {
    console.log(
      `${k.padEnd(16)} | ${ratio(t.hits, t.planted).padEnd(17)} | ${ratio(t.correct, t.reported).padEnd(17)} | ${ratio(t.sharesOk, t.shares)}`,
    );
  }
}

export function printTables(rs: CaseResult[]): void {
  const byKind = new Map<string, Tally>();
  const byMetric = new Map<string, Tally>();
  const all = empty();
  const get = (m: Map<string, Tally>, k: string) => m.get(k) ?? m.set(k, empty()).get(k)!;
  for (const r of rs) {
    const m = get(byMetric, r.metric);
    for (const t of [m, all]) {
      t.planted += r.planted;
      t.hits += r.hits;
      t.reported += r.reported;
      t.correct += r.correct;
    }
    for (const s of r.shares) {
      const k = get(byKind, s.kind);
      k.planted++;
      if (s.hit) k.hits++;
      for (const t of [k, m, all]) {
        t.shares++;
        if (s.ok) t.sharesOk++;
      }
    }
    // Precision per kind: a reported cause of that kind that was right or wrong.
    for (const s of r.shares.filter((x) => x.hit)) {
      const k = get(byKind, s.kind);
      k.reported++;
      k.correct++;
    }
    for (const f of r.falseKinds) get(byKind, f).reported++;
  }
  table('event kind', byKind);
  table('metric', byMetric);
  table('all', new Map([['all', all]]));
  const bad = rs.filter((r) => r.violations.length);
  console.log(`\n${rs.length} scenarios, scale ${scale}; invariant violations in ${bad.length}`);
  for (const r of bad) console.log(`  seed ${r.seed} ${r.metric}: ${r.violations.join('; ')}`);
  const ms = rs.map((r) => r.seedMs + r.explainMs).sort((a, b) => a - b);
  if (ms.length) console.log(`time per case: median ${Math.round(ms[Math.floor(ms.length / 2)]! / 100) / 10} s`);
}
