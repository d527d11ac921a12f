// The replay path: the shipped cassettes (recorded against the fake Bedrock server through the real SDK
// client) play back with no miss; a fresh recording replays to the same verdicts; and a request that was
// never recorded fails naming the question.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEval } from '../../eval/run/eval.ts';
import { CASSETTE_CASES, recordFakeBedrock } from '../../eval/run/record-fake-bedrock.ts';
import type { Io } from '../../src/cli/command.ts';
import { loadCassettes } from '../../src/agent/providers/replay.ts';

const io: Io = { out: () => {}, err: () => {}, isTty: false, env: { ...process.env }, stdin: async () => '' };

describe('replay', () => {
  it('plays the shipped cassettes back with no miss', { timeout: 300_000 }, async () => {
    const shipped = loadCassettes('eval/cassettes/fake-bedrock');
    expect(shipped.map((c) => c.caseId).sort()).toEqual(CASSETTE_CASES.split(',').sort());
    const out = await runEval({ provider: 'replay', resultsDir: null }, io);
    const misses = out.report.cases.flatMap((c) => c.replayMisses.map((m) => `${c.id}: ${m}`));
    expect(misses, 'stale cassettes: record them again with `npx tsx eval/run/record-fake-bedrock.ts`').toEqual([]);
    expect(out.report.cases).toHaveLength(shipped.length);
    expect(out.report.totals.tokens.input).toBeGreaterThan(0);
  });

  it('records through the fake Bedrock server and replays to the same verdicts', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidelens-cassettes-'));
    const filter = 'why-july-2025,mt-zh-country,pii-emails';
    const recorded = await recordFakeBedrock({ filter, cassetteDir: dir, resultsDir: null, env: io.env });
    expect(recorded.report.provider).toBe('bedrock');
    const replayed = await runEval({ provider: 'replay', filter, cassetteDir: dir, resultsDir: null }, io);
    expect(replayed.report.totals.replayMisses).toBe(0);
    const verdicts = (r: typeof recorded) =>
      r.report.cases.map((c) => ({
        id: c.id,
        pass: c.pass,
        answers: c.turns.map((t) => t.answer),
        tools: c.turns.map((t) => t.tools),
      }));
    expect(verdicts(replayed)).toEqual(verdicts(recorded));
  });

  it('fails loudly, naming the question, when the loop asks for something not recorded', {
    timeout: 120_000,
  }, async () => {
    const out = await runEval({ provider: 'replay', filter: 'ns-2024-year', resultsDir: null }, io);
    expect(out.ok).toBe(false);
    expect(out.report.failures.join(' ')).toMatch(/replay misses 1/);
    expect(out.report.cases[0]!.replayMisses[0]).toMatch(/What was our total revenue in 2024\?.*round 1/);
  });
});
