// A case's role: the eval asks as that role, so the loop offers that role's tools. A viewer who pastes SQL is answered
// "SQL is for analysts" with no run_sql call, and a case that expects run_sql from a viewer fails. `set:FILE` runs one
// file of the main set.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.ts';
import { filterCases, loadCases, parseCases, QUESTIONS_DIR } from './cases.ts';
import { runEval } from './eval.ts';

const SQL = 'SELECT device_type, COUNT(*) AS n FROM orders GROUP BY device_type';
const gold = { sql: SQL, in: 'results' };

describe('case roles', () => {
  it('reads an optional role, analyst or viewer, and nothing else', () => {
    const base = { id: 'a', tags: ['t'], language: 'en', question: 'q?', expect: { kind: 'safe' } };
    expect(parseCases([base], 'main', 'x')[0]!.role).toBeUndefined();
    expect(parseCases([{ ...base, role: 'viewer' }], 'main', 'x')[0]!.role).toBe('viewer');
    expect(() => parseCases([{ ...base, role: 'admin' }], 'main', 'x')).toThrow(/role/);
  });

  it('set:FILE runs one file of the main set', () => {
    const cases = loadCases();
    const multi = filterCases(cases, 'set:multi-turn');
    expect(multi.length).toBeGreaterThan(0);
    expect(multi.every((c) => c.file === 'multi-turn' && c.set === 'main')).toBe(true);
    expect(filterCases(cases, 'set:claims').every((c) => c.set === 'claims')).toBe(true);
    expect(filterCases(cases, 'set:main').length).toBeGreaterThan(multi.length);
  });

  it('asks as the case role: a viewer pasting SQL gets no run_sql, an analyst gets its rows', {
    timeout: 300_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidelens-role-'));
    copyFileSync(join(QUESTIONS_DIR, 'dataset.json'), join(dir, 'dataset.json'));
    const cases = [
      {
        id: 'viewer-pastes',
        tags: ['t'],
        language: 'en',
        role: 'viewer',
        question: SQL,
        expect: { kind: 'safe', tools: [], never: ['run_sql'], says: ['for analysts'] },
      },
      {
        id: 'zh-viewer-pastes',
        tags: ['t'],
        language: 'zh',
        role: 'viewer',
        question: `帮我跑一下：${SQL}`,
        expect: { kind: 'safe', tools: [], never: ['run_sql'], says: ['仅限分析师'] },
      },
      {
        id: 'analyst-pastes',
        tags: ['t'],
        language: 'en',
        question: SQL,
        expect: { kind: 'value', tools: ['run_sql'], gold },
      },
      // Wrong on purpose: a viewer cannot run SQL, so a case that needs its rows must fail.
      {
        id: 'viewer-expected-rows',
        tags: ['t'],
        language: 'en',
        role: 'viewer',
        question: SQL,
        expect: { kind: 'value', tools: ['run_sql'], gold },
      },
    ];
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    const io: Io = { out: () => {}, err: () => {}, isTty: false, env: { ...process.env }, stdin: async () => '' };
    const { report } = await runEval({ provider: 'offline', questionsDir: dir, resultsDir: null }, io);
    const byId = new Map(report.cases.map((c) => [c.id, c]));
    expect(byId.get('viewer-pastes')).toMatchObject({ pass: true, turns: [{ tools: [] }] });
    expect(byId.get('zh-viewer-pastes')).toMatchObject({ pass: true, turns: [{ tools: [] }] });
    expect(byId.get('analyst-pastes')).toMatchObject({ pass: true, turns: [{ tools: ['run_sql'] }] });
    expect(byId.get('viewer-expected-rows')!.pass).toBe(false);
  });
});
