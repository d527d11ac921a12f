// A template statement read from the precomputed answers (src/rollup/answers.ts) when the rollup holds the
// period and has the statement's rows, from the base tables otherwise. The lookup is logged as the query that ran.
import type { Row } from '../../db/types.ts';
import { answerLookup, answerRows, type Statement } from '../../rollup/answers.ts';
import type { RollupAt } from '../../rollup/coverage.ts';
import type { QueryLog } from '../query-log.ts';

export interface Answered {
  rows: Row[];
  /** The rows came from the rollup's precomputed answers. */
  rollup: boolean;
}

export async function runAnswered(
  log: QueryLog,
  at: RollupAt | null,
  period: { to: string },
  s: Statement,
  label: string,
): Promise<Answered> {
  if (at && period.to <= at.through) {
    const q = answerLookup(at, s);
    const rows = answerRows(await log.run(q.sql, q.params, `${label} (precomputed)`));
    if (rows) return { rows, rollup: true };
  }
  return { rows: await log.run(s.sql, s.params, label), rollup: false };
}
