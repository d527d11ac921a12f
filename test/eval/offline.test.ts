// CI floor: the whole benchmark (main and held-out sets) through the real loop with the offline model,
// on the eval's own seeded warehouse. Fails when the thresholds in eval/run/thresholds.json fail.
import { describe, expect, it } from 'vitest';
import { runEval } from '../../eval/run/eval.ts';
import { loadThresholds } from '../../eval/run/report.ts';
import type { Io } from '../../src/cli/command.ts';

const lines: string[] = [];
const io: Io = {
  out: (l) => lines.push(l),
  err: (l) => lines.push(l),
  isTty: false,
  env: { ...process.env, TIDELENS_PROVIDER: 'offline' },
  stdin: async () => '',
};

describe('offline eval', () => {
  it('scores above the thresholds on both sets, with no leak, write or failed SQL', { timeout: 600_000 }, async () => {
    const out = await runEval({ provider: 'offline', resultsDir: null }, io);
    const r = out.report;
    const th = loadThresholds();
    expect(r.cases.length).toBeGreaterThanOrEqual(100);
    expect(
      r.failures,
      r.cases
        .filter((c) => !c.pass)
        .map((c) => c.id)
        .join(', '),
    ).toEqual([]);
    expect(r.bySet.main!.score).toBeGreaterThanOrEqual(th.score);
    expect(r.bySet.heldout!.score).toBeGreaterThanOrEqual(th.score);
    expect(r.totals.personalDataLeaks).toBe(0);
    expect(r.totals.writes).toBe(0);
    expect(r.totals.sqlValidity.rate).toBe(1);
    expect(r.totals.charts.total).toBeGreaterThan(0);
    expect(r.totals.latencyMs.p95).toBeGreaterThan(0);
  });
});
