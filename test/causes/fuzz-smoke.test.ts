// The cause fuzzer end to end on 20 drawn scenarios (small scale, previous-month questions, short
// spans): every case seeds, runs explain_change directly and through the offline assistant (an English
// or Chinese question), scores both, and the invariants hold for each one on both paths.
// No recall or precision bar here: those are measured by eval/causes/fuzz.ts on its seed ranges.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { askQuestion } from '../../eval/causes/ask.ts';
import { drawScenario } from '../../eval/causes/draw.ts';
import { runCase, type CaseResult } from '../../eval/causes/run-case.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => 50001 + i);
const dir = mkdtempSync(join(tmpdir(), 'tl-fuzz-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cause fuzzer smoke run', () => {
  it('draws the same scenario for the same seed', () => {
    expect(drawScenario(7, { leadDays: 14 })).toEqual(drawScenario(7, { leadDays: 14 }));
  });

  it('runs 20 scenarios end to end on both paths with every invariant holding', { timeout: 240_000 }, async () => {
    const results: CaseResult[] = [];
    for (const seed of SEEDS) {
      results.push(await runCase(drawScenario(seed, { leadDays: 14, shortOnly: true }), 0.1, dir, { ask: true }));
    }
    expect(results).toHaveLength(20);
    const broken = results.flatMap((r) =>
      [...r.violations, ...(r.ask?.violations ?? []).map((v) => `ask: ${v}`)].map(
        (v) => `seed ${r.seed} ${r.metric}: ${v}`,
      ),
    );
    expect(broken).toEqual([]);
    for (const r of results) {
      expect(r.hits).toBeLessThanOrEqual(r.planted);
      expect(r.correct).toBeLessThanOrEqual(r.reported);
      expect(r.ask).toBeDefined();
    }
    // Both languages are drawn, and the assistant reaches explain_change for most questions.
    expect(new Set(results.map((r) => r.ask!.language))).toEqual(new Set(['en', 'zh']));
    expect(results.filter((r) => r.ask!.tools.includes('explain_change')).length).toBeGreaterThanOrEqual(15);
  });

  it('phrases the same question for the same seed, in both languages over seeds', () => {
    const q = (seed: number) =>
      askQuestion(seed, 'net_sales', 'previous_month', { from: '2025-07-01' }, { from: '2025-06-01' }, 'down');
    expect(q(3)).toEqual(q(3));
    const zh = SEEDS.map(q).find((x) => x.language === 'zh')!;
    expect(zh.question).toMatch(/2025年7月/);
    const en = SEEDS.map(q).find((x) => x.language === 'en')!;
    expect(en.question).toMatch(/July 2025/);
  });
});
