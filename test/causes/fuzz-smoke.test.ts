// The cause fuzzer end to end on 20 drawn scenarios (small scale, previous-month questions, short
// spans): every case seeds, runs explain_change and scores, and the invariants hold for each one.
// No recall or precision bar here: those are measured by eval/causes/fuzz.ts on its seed ranges.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drawScenario } from '../../eval/causes/draw.ts';
import { runCase, type CaseResult } from '../../eval/causes/run-case.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => 50001 + i);
const dir = mkdtempSync(join(tmpdir(), 'tl-fuzz-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cause fuzzer smoke run', () => {
  it('draws the same scenario for the same seed', () => {
    expect(drawScenario(7, { leadDays: 14 })).toEqual(drawScenario(7, { leadDays: 14 }));
  });

  it('runs 20 scenarios end to end with every invariant holding', { timeout: 170_000 }, async () => {
    const results: CaseResult[] = [];
    for (const seed of SEEDS) {
      results.push(await runCase(drawScenario(seed, { leadDays: 14, shortOnly: true }), 0.1, dir));
    }
    expect(results).toHaveLength(20);
    const broken = results.filter((r) => r.violations.length).map((r) => `seed ${r.seed} ${r.metric}: ${r.violations}`);
    expect(broken).toEqual([]);
    for (const r of results) {
      expect(r.hits).toBeLessThanOrEqual(r.planted);
      expect(r.correct).toBeLessThanOrEqual(r.reported);
    }
  });
});
