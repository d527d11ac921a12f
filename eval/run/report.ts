// Totals over case results, the thresholds check, and the JSON + Markdown reports.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETS } from './cases.ts';
import { claimsLine, claimTotals, contradictionNote, type ClaimTotals } from './claims.ts';
import type { CaseResult, TurnResult } from './runner.ts';
import { percentile } from './score.ts';
import { substitutionsLine } from './substitution.ts';

export interface Totals {
  cases: number;
  passed: number;
  /** Share of cases whose every turn passed. */
  score: number;
  turns: number;
  answerCorrect: number;
  values: { turns: number; correct: number };
  why: { turns: number; correct: number; recall: number; precision: number };
  refusals: { turns: number; correct: number };
  unanswerable: { turns: number; correct: number };
  premise: { turns: number; correct: number };
  toolChoice: { scored: number; correct: number; rate: number };
  sqlValidity: { turns: number; valid: number; rate: number };
  charts: { total: number; valid: number; rate: number };
  grounding: { ungroundedNumbers: number; turnsWithUngrounded: number };
  claims: ClaimTotals;
  quietSubstitutions: number;
  personalDataLeaks: number;
  followedInjection: number;
  writes: number;
  replayMisses: number;
  latencyMs: { p50: number; p95: number };
  tokens: { input: number; output: number };
  costUsd: number;
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1e4) / 1e4 : 1);

export function totals(results: CaseResult[]): Totals {
  const turns = results.flatMap((r) => r.turns);
  const kind = (k: TurnResult['kind']) => turns.filter((t) => t.kind === k);
  const count = (ts: TurnResult[]) => ({ turns: ts.length, correct: ts.filter((t) => t.answerOk).length });
  const why = kind('why');
  const scoredTools = turns.filter((t) => t.toolOk !== null);
  const charts = turns.reduce((a, t) => ({ total: a.total + t.charts.total, valid: a.valid + t.charts.valid }), {
    total: 0,
    valid: 0,
  });
  const sqlValid = turns.filter((t) => !t.sqlProblems.length).length;
  const passed = results.filter((r) => r.pass).length;
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1e4) / 1e4 : 1);
  return {
    cases: results.length,
    passed,
    score: rate(passed, results.length),
    turns: turns.length,
    answerCorrect: rate(turns.filter((t) => t.answerOk).length, turns.length),
    values: count(kind('value')),
    why: {
      ...count(why),
      recall: mean(why.map((t) => t.causes?.recall ?? 0)),
      precision: mean(why.map((t) => t.causes?.precision ?? 0)),
    },
    refusals: count(kind('refuse')),
    unanswerable: count(kind('unanswerable')),
    premise: count(kind('premise')),
    toolChoice: {
      scored: scoredTools.length,
      correct: scoredTools.filter((t) => t.toolOk).length,
      rate: rate(scoredTools.filter((t) => t.toolOk).length, scoredTools.length),
    },
    sqlValidity: { turns: turns.length, valid: sqlValid, rate: rate(sqlValid, turns.length) },
    charts: { ...charts, rate: rate(charts.valid, charts.total) },
    grounding: {
      ungroundedNumbers: turns.reduce((a, t) => a + t.ungrounded.length, 0),
      turnsWithUngrounded: turns.filter((t) => t.ungrounded.length).length,
    },
    claims: claimTotals(turns),
    quietSubstitutions: turns.filter((t) => t.quietSubstitution).length,
    personalDataLeaks: turns.filter((t) => t.personalData.length).length,
    followedInjection: turns.filter((t) => t.forbidden.length).length,
    writes: turns.filter((t) => t.wrote).length,
    replayMisses: results.reduce((a, r) => a + r.replayMisses.length, 0),
    latencyMs: {
      p50: percentile(
        turns.map((t) => t.latencyMs),
        50,
      ),
      p95: percentile(
        turns.map((t) => t.latencyMs),
        95,
      ),
    },
    tokens: {
      input: turns.reduce((a, t) => a + t.inputTokens, 0),
      output: turns.reduce((a, t) => a + t.outputTokens, 0),
    },
    costUsd: Math.round(turns.reduce((a, t) => a + t.costUsd, 0) * 1e6) / 1e6,
  };
}

export interface Thresholds {
  /** Minimum share of passing cases, per set that ran. */
  score: number;
  answerCorrect: number;
  toolChoice: number;
  sqlValidity: number;
  charts: number;
  refusals: number;
  /** Hard limits: any leak, write or replay miss fails the run. */
  maxPersonalDataLeaks: number;
  maxWrites: number;
  maxReplayMisses: number;
  /** Turns that answered another question without saying so (absent = not enforced). */
  maxQuietSubstitutions?: number;
  /**
   * Sets with a floor of their own (pass rate): scored against it alone, and kept out of the overall floors
   * above, which keep their meaning for the sets they were set on. Hard limits still hold for every set.
   */
  sets?: Record<string, number>;
}

export const THRESHOLDS_FILE = 'eval/run/thresholds.json';

export function loadThresholds(path = THRESHOLDS_FILE): Thresholds {
  return JSON.parse(readFileSync(path, 'utf8')) as Thresholds;
}

/** Which thresholds a run falls below; empty = pass. */
export function belowThresholds(t: Totals, th: Thresholds): string[] {
  const out: string[] = [];
  const min = (name: string, v: number, floor: number) => {
    if (v < floor) out.push(`${name} ${pct(v)} is below the threshold ${pct(floor)}`);
  };
  const max = (name: string, v: number, cap: number) => {
    if (v > cap) out.push(`${name} ${v} is above the limit ${cap}`);
  };
  min('score', t.score, th.score);
  min('answer correctness', t.answerCorrect, th.answerCorrect);
  min('tool choice', t.toolChoice.rate, th.toolChoice);
  min('SQL validity', t.sqlValidity.rate, th.sqlValidity);
  min('chart validity', t.charts.rate, th.charts);
  if (t.refusals.turns) min('correct refusals', rate(t.refusals.correct, t.refusals.turns), th.refusals);
  max('turns with personal data', t.personalDataLeaks, th.maxPersonalDataLeaks);
  max('turns that wrote to the warehouse', t.writes, th.maxWrites);
  if (th.maxQuietSubstitutions !== undefined)
    max('quiet substitutions', t.quietSubstitutions, th.maxQuietSubstitutions);
  max('replay misses', t.replayMisses, th.maxReplayMisses);
  return out;
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export interface Report {
  startedAt: string;
  provider: string;
  modelId: string;
  database: string;
  dataset: unknown;
  filter: string | null;
  totals: Totals;
  bySet: Record<string, Totals>;
  byTag: Record<string, { cases: number; passed: number; score: number }>;
  failures: string[];
  warnings: string[];
  cases: CaseResult[];
}

export function buildReport(
  meta: Omit<Report, 'totals' | 'bySet' | 'byTag' | 'cases' | 'failures'>,
  results: CaseResult[],
  th: Thresholds,
): Report {
  const bySet: Record<string, Totals> = {};
  for (const set of SETS) {
    const rs = results.filter((r) => r.set === set);
    if (rs.length) bySet[set] = totals(rs);
  }
  const byTag: Report['byTag'] = {};
  for (const r of results) {
    for (const tag of r.tags) {
      const b = (byTag[tag] ??= { cases: 0, passed: 0, score: 0 });
      b.cases++;
      if (r.pass) b.passed++;
    }
  }
  for (const b of Object.values(byTag)) b.score = rate(b.passed, b.cases);
  const all = totals(results);
  const floors = th.sets ?? {};
  const core = results.filter((r) => floors[r.set] === undefined);
  const own = results.filter((r) => floors[r.set] !== undefined);
  const limitsOnly: Thresholds = {
    ...th,
    score: 0,
    answerCorrect: 0,
    toolChoice: 0,
    sqlValidity: 0,
    charts: 0,
    refusals: 0,
  };
  const failures = [
    ...(core.length ? belowThresholds(totals(core), th) : []),
    ...(own.length ? belowThresholds(totals(own), limitsOnly) : []),
    ...Object.entries(bySet)
      .filter(([k]) => k !== 'main' || Object.keys(bySet).length > 1)
      .flatMap(([k, t]) => {
        const floor = floors[k] ?? th.score;
        return t.score < floor ? [`${k} set score ${pct(t.score)} is below the threshold ${pct(floor)}`] : [];
      }),
  ];
  return { ...meta, totals: all, bySet, byTag, failures, cases: results };
}

export function caseLine(r: CaseResult): string {
  const problems = r.turns.flatMap((t, k) => {
    const p: string[] = [];
    const at = r.turns.length > 1 ? `t${k + 1} ` : '';
    if (!t.answerOk)
      p.push(
        `${at}answer${
          t.values?.missing.length
            ? ` (missing ${t.values.missing
                .slice(0, 3)
                .map((v) => +v.toFixed(4))
                .join(', ')})`
            : ''
        }${t.causes ? ` (causes ${t.causes.found.length}/${t.causes.expected.length}${t.causes.wrong.length ? `, wrong ${t.causes.wrong.join('/')}` : ''})` : ''}`,
      );
    if (t.toolOk === false) p.push(`${at}tool ${t.tools.join('+') || 'none'}`);
    if (t.sqlProblems.length) p.push(`${at}sql`);
    if (t.charts.problems.length) p.push(`${at}chart`);
    if (t.ungrounded.length) p.push(`${at}ungrounded ${t.ungrounded.slice(0, 3).join(' ')}`);
    const contradicted = contradictionNote(t.claims, at);
    if (contradicted) p.push(contradicted);
    if (t.personalData.length) p.push(`${at}PERSONAL DATA`);
    if (t.forbidden.length) p.push(`${at}followed injection`);
    if (t.wrote) p.push(`${at}WROTE`);
    if (t.stopReason !== 'end_turn') p.push(`${at}${t.stopReason}`);
    const unsaid = t.notes.filter((n) => n.startsWith('does not say'));
    if (!t.answerOk) p.push(...unsaid.map((n) => `${at}${n.slice(0, 80)}`));
    return p;
  });
  if (r.replayMisses.length) problems.push('REPLAY MISS');
  const ms = Math.round(r.turns.reduce((a, t) => a + t.latencyMs, 0));
  return `${r.pass ? 'PASS' : 'FAIL'}  ${r.id.padEnd(34)} ${r.language}  ${String(ms).padStart(6)} ms  ${problems.join('; ')}`;
}

export function summaryLines(t: Totals, label: string): string[] {
  return [
    `${label}: ${t.passed}/${t.cases} cases pass (score ${pct(t.score)}), ${t.turns} turns`,
    `  answer correctness ${pct(t.answerCorrect)} | values ${t.values.correct}/${t.values.turns} | why ${t.why.correct}/${t.why.turns} (cause recall ${pct(t.why.recall)}, precision ${pct(t.why.precision)}) | premise ${t.premise.correct}/${t.premise.turns}`,
    `  refusals ${t.refusals.correct}/${t.refusals.turns} | unanswerable ${t.unanswerable.correct}/${t.unanswerable.turns} | tool choice ${t.toolChoice.correct}/${t.toolChoice.scored} (${pct(t.toolChoice.rate)})`,
    `  SQL validity ${t.sqlValidity.valid}/${t.sqlValidity.turns} | charts ${t.charts.valid}/${t.charts.total} valid | ungrounded numbers ${t.grounding.ungroundedNumbers} in ${t.grounding.turnsWithUngrounded} turns`,
    claimsLine(t.claims),
    substitutionsLine(t.quietSubstitutions, t.turns),
    `  personal data leaks ${t.personalDataLeaks} | followed injections ${t.followedInjection} | writes ${t.writes} | replay misses ${t.replayMisses}`,
    `  latency p50 ${Math.round(t.latencyMs.p50)} ms, p95 ${Math.round(t.latencyMs.p95)} ms | tokens ${t.tokens.input} in / ${t.tokens.output} out | est. cost $${t.costUsd.toFixed(4)}`,
  ];
}

export function markdown(r: Report): string {
  const lines = [
    `# Tidelens eval: ${r.startedAt}`,
    '',
    `Provider **${r.provider}** (${r.modelId}), database \`${r.database}\`${r.filter ? `, filter \`${r.filter}\`` : ''}.`,
    '',
    '```',
    ...summaryLines(r.totals, 'all'),
    ...Object.entries(r.bySet).flatMap(([k, t]) => summaryLines(t, k)),
    '```',
    '',
    r.failures.length ? `**Below thresholds:**\n${r.failures.map((f) => `- ${f}`).join('\n')}` : 'All thresholds met.',
    ...(r.warnings.length ? ['', '**Warnings:**', ...r.warnings.map((w) => `- ${w}`)] : []),
    '',
    '## By tag',
    '',
    '| tag | cases | passed | score |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(r.byTag)
      .sort()
      .map(([k, b]) => `| ${k} | ${b.cases} | ${b.passed} | ${pct(b.score)} |`),
    '',
    '## Cases',
    '',
    '```',
    ...r.cases.map(caseLine),
    '```',
    '',
    '## Failed answers',
    '',
  ];
  for (const c of r.cases.filter((x) => !x.pass)) {
    lines.push(`### ${c.id}`, '');
    for (const t of c.turns) {
      lines.push(`- **Q:** ${t.question}`, `  - tools: ${t.tools.join(', ') || '(none)'}; stop: ${t.stopReason}`);
      lines.push(`  - answer: ${t.answer.replace(/\s+/g, ' ').slice(0, 600)}`);
    }
    for (const m of c.replayMisses) lines.push(`- replay: ${m}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function writeReport(r: Report, dir = 'eval/results'): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = r.startedAt.replace(/[:.]/g, '-');
  const json = join(dir, `${stamp}.json`);
  const md = join(dir, `${stamp}.md`);
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(md, markdown(r) + '\n');
  return { json, md };
}
