// Which answers are precomputed (src/rollup/answers.ts) and how: the statements customer_mix and rfm_segments
// run for the periods their presets resolve to against the data's last day, each split and single-value filter
// listed here, and the periods those are compared with. Any other period (an arbitrary range, a named month),
// filter or combination is not precomputed: the template reads the base tables for it. A build fills them all;
// a refresh deletes those whose period holds a changed day (or that moved with the data's last day: their
// statements change, so they no longer match) and fills what is missing.
import type { Engine, Row } from '../db/types.ts';
import { isTidelensError } from '../errors.ts';
import { CHANNELS, DEVICES } from '../tools/filters.ts';
import { planCustomerMix, type CustomerMixInput } from '../tools/customer-mix.ts';
import { planRfm, type RfmSegmentsInput } from '../tools/rfm-segments.ts';
import { DATA_RANGE_SQL, dataRangeOf } from '../tools/sql/data-range.ts';
import type { DataRange } from '../tools/types.ts';
import { answerKey, type Statement } from './answers.ts';
import type { DayRange } from './statements.ts';
import type { RollupWriter } from './writer.ts';

export const CUSTOMER_MIX_PERIODS = ['last_30_days', 'last_month', 'last_quarter'];
export const CUSTOMER_MIX_SPLITS = [undefined, 'country', 'user_level', 'channel', 'device'] as const;
export const RFM_PERIODS = ['last_365_days'];

export interface AnswerStatement extends Statement {
  template: 'customer_mix' | 'rfm_segments';
  /** The period the rows describe, inclusive. */
  from: string;
  to: string;
}

/** The plan, or null when its period (or the one it is compared with) holds no data: nothing to precompute. */
function planned<T>(plan: () => T): T | null {
  try {
    return plan();
  } catch (e) {
    if (isTidelensError(e) && e.code === 'bad_input') return null;
    throw e;
  }
}

/** Every statement to precompute, given the data's calendar and the countries the orders name. */
export function answerStatements(engine: Engine, data: DataRange, countries: string[]): AnswerStatement[] {
  const out = new Map<string, AnswerStatement>();
  const add = (template: AnswerStatement['template'], s: Statement, p: { from: string; to: string }) =>
    out.set(answerKey(s), { template, sql: s.sql, params: s.params, from: p.from, to: p.to });
  for (const period of CUSTOMER_MIX_PERIODS)
    for (const by of CUSTOMER_MIX_SPLITS) {
      const alone = planned(() => planCustomerMix({ period, by }, engine, data));
      if (alone) add('customer_mix', alone.current, alone.scope.period);
      const input: CustomerMixInput = { period, by, compare_to: 'previous_period' };
      const plan = planned(() => planCustomerMix(input, engine, data));
      if (plan?.compare && plan.scope.compare) add('customer_mix', plan.compare, plan.scope.compare);
    }
  const filters: RfmSegmentsInput[] = [
    {},
    ...countries.map((country) => ({ country })),
    ...CHANNELS.map((channel) => ({ channel })),
    ...DEVICES.map((device) => ({ device })),
  ];
  for (const period of RFM_PERIODS)
    for (const f of filters) {
      const plan = planned(() => planRfm({ ...f, period }, engine, data));
      if (plan) add('rfm_segments', plan.query, plan.scope.period);
    }
  return [...out.values()];
}

export interface FillReport {
  filled: number;
  /** Wall time of the fill, seconds. */
  seconds: number;
  /** Statements that failed (e.g. a writer account that may not read users.user_level): read from the base. */
  skipped: string[];
}

/**
 * Runs the statements not yet stored in `ref` and stores their rows. `ordersRef` is a daily_orders table to
 * take the countries from.
 */
export async function fillAnswers(w: RollupWriter, ref: string, ordersRef: string): Promise<FillReport> {
  const start = performance.now();
  const [range] = await w.rows(DATA_RANGE_SQL);
  if (!range?.min_date) return { filled: 0, seconds: 0, skipped: [] };
  const data = dataRangeOf(range);
  const countries = (await w.rows(`SELECT DISTINCT country FROM ${ordersRef} ORDER BY country`)).map((r) =>
    String(r.country),
  );
  const have = new Set((await w.rows(`SELECT answer_key FROM ${ref}`)).map((r) => String(r.answer_key)));
  const wanted = answerStatements(w.engine, data, countries);
  const keys = new Set(wanted.map(answerKey));
  // Periods the presets no longer resolve to: nobody asks for them by these statements' periods any more.
  for (const old of have) if (!keys.has(old)) await w.run(`DELETE FROM ${ref} WHERE answer_key = ?`, [old]);
  const report: FillReport = { filled: 0, seconds: 0, skipped: [] };
  for (const s of wanted) {
    const key = answerKey(s);
    if (have.has(key)) continue;
    let rows: Row[];
    try {
      rows = await w.rows(s.sql, s.params);
    } catch (e) {
      report.skipped.push(`${s.template} ${s.from}..${s.to}: ${(e as Error).message}`);
      continue;
    }
    await w.run(`INSERT INTO ${ref} (answer_key, template, period_from, period_to, rows_json) VALUES (?, ?, ?, ?, ?)`, [
      key,
      s.template,
      s.from,
      s.to,
      JSON.stringify(rows),
    ]);
    report.filled++;
  }
  return { ...report, seconds: (performance.now() - start) / 1000 };
}

/** Removes the answers whose period holds a day of `range`: their rows may have changed. */
export function deleteAnswersSql(ref: string, range: DayRange): Statement {
  return { sql: `DELETE FROM ${ref} WHERE period_from < ? AND period_to >= ?`, params: [range.to, range.from] };
}
