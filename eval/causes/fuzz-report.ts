// The fuzzer's tables: recall, precision, shares within 10 points, the share estimator's bias
// (mean estimate − manifest share over the planted events found) and drivers adding up, per event kind
// and per metric, for the direct call and the ask path. Pure formatting of CaseResult lists.
import type { CauseScore } from './match.ts';
import type { CaseResult, PathScore } from './run-case.ts';

interface Tally {
  planted: number;
  hits: number;
  reported: number;
  correct: number;
  shares: number;
  sharesOk: number;
  /** Σ (estimate − truth) and Σ |estimate − truth| over found events. */
  biasSum: number;
  absSum: number;
  found: number;
  /** estimate − truth of each found event, for the median (a mean is all outliers when a change is near 0). */
  errs: number[];
  cases: number;
  driversOk: number;
}

const empty = (): Tally => ({
  planted: 0,
  hits: 0,
  reported: 0,
  correct: 0,
  shares: 0,
  sharesOk: 0,
  biasSum: 0,
  absSum: 0,
  found: 0,
  errs: [],
  cases: 0,
  driversOk: 0,
});

function ratio(a: number, b: number): string {
  return b ? `${a}/${b} = ${(a / b).toFixed(2)}` : '—';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const pp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

export interface PathTables {
  byKind: Map<string, Tally>;
  byMetric: Map<string, Tally>;
  all: Tally;
}

/** Drivers add up when no invariant about the drivers failed. */
const driversAddUp = (p: PathScore) => !p.violations.some((v) => v.startsWith('drivers'));

export function tally(rows: Array<{ metric: string; path: PathScore & CauseScore }>): PathTables {
  const byKind = new Map<string, Tally>();
  const byMetric = new Map<string, Tally>();
  const all = empty();
  const get = (m: Map<string, Tally>, k: string) => m.get(k) ?? m.set(k, empty()).get(k)!;
  for (const { metric, path: r } of rows) {
    const m = get(byMetric, metric);
    for (const t of [m, all]) {
      t.planted += r.planted;
      t.hits += r.hits;
      t.reported += r.reported;
      t.correct += r.correct;
      t.cases++;
      if (driversAddUp(r)) t.driversOk++;
    }
    for (const s of r.shares) {
      const k = get(byKind, s.kind);
      k.planted++;
      if (s.hit) k.hits++;
      for (const t of [k, m, all]) {
        t.shares++;
        if (s.ok) t.sharesOk++;
        if (s.est !== null) {
          t.found++;
          t.biasSum += s.est - s.truth;
          t.absSum += Math.abs(s.est - s.truth);
          t.errs.push(s.est - s.truth);
        }
      }
      if (s.hit) {
        k.reported++;
        k.correct++;
      }
    }
    for (const f of r.falseKinds) get(byKind, f).reported++;
  }
  return { byKind, byMetric, all };
}

function table(title: string, by: Map<string, Tally>, out: string[]): void {
  out.push(
    `\n${title.padEnd(18)} | recall            | precision         | share within 10 pp | share bias, pp (mean abs) | median bias, pp | drivers add up`,
  );
  for (const [k, t] of [...by].sort()) {
    const bias = t.found ? `${pp(t.biasSum / t.found)} (${((t.absSum / t.found) * 100).toFixed(1)})` : '—';
    out.push(
      `${k.padEnd(18)} | ${ratio(t.hits, t.planted).padEnd(17)} | ${ratio(t.correct, t.reported).padEnd(17)} | ` +
        `${ratio(t.sharesOk, t.shares).padEnd(18)} | ${bias.padEnd(25)} | ${(t.errs.length ? pp(median(t.errs)) : '—').padEnd(15)} | ` +
        `${t.cases ? ratio(t.driversOk, t.cases) : ''}`,
    );
  }
}

export function renderPath(name: string, p: PathTables): string[] {
  const out = [`\n## ${name}`];
  table('event kind', p.byKind, out);
  table('metric', p.byMetric, out);
  table('all', new Map([['all', p.all]]), out);
  return out;
}

export function printTables(rs: CaseResult[], run: { scale: number; wallMs: number; jobs: number }): void {
  const out: string[] = [];
  out.push(...renderPath('direct: explain_change', tally(rs.map((r) => ({ metric: r.metric, path: r })))));
  const asked = rs.filter((r) => r.ask);
  if (asked.length) {
    out.push(...renderPath('ask: offline assistant', tally(asked.map((r) => ({ metric: r.metric, path: r.ask! })))));
    for (const lang of ['en', 'zh']) {
      const rows = asked.filter((r) => r.ask!.language === lang);
      const t = tally(rows.map((r) => ({ metric: r.metric, path: r.ask! }))).all;
      const same = rows.filter((r) => r.ask!.sameQuestion).length;
      out.push(
        `ask ${lang}: ${rows.length} questions, explain_change on the asked metric and months in ${same}; ` +
          `recall ${ratio(t.hits, t.planted)}, precision ${ratio(t.correct, t.reported)}, shares ${ratio(t.sharesOk, t.shares)}`,
      );
    }
  }
  const bad = rs.filter((r) => r.violations.length || r.ask?.violations.length);
  out.push(`\n${rs.length} scenarios, scale ${run.scale}; invariant violations in ${bad.length}`);
  for (const r of bad)
    out.push(
      `  seed ${r.seed} ${r.metric}: ${[...r.violations, ...(r.ask?.violations ?? []).map((v) => `ask: ${v}`)].join('; ')}`,
    );
  const ms = rs.map((r) => r.seedMs + r.explainMs + (r.ask?.ms ?? 0)).sort((a, b) => a - b);
  if (ms.length)
    out.push(
      `time per case: median ${Math.round(ms[Math.floor(ms.length / 2)]! / 100) / 10} s; ` +
        `run ${Math.round(run.wallMs / 1000)} s wall with ${run.jobs} job(s)`,
    );
  console.log(out.join('\n'));
}
