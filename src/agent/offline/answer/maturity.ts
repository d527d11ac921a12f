// The maturity findings of this turn's results, said once each: a return rate of recent orders is still rising,
// so the answer calls it "still maturing" and a lower bound instead of reading it as a fall.
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import type { FindingOf } from '../../../protocol/index.ts';
import { fmt, fmtDelta, metricName } from './format.ts';
import { scopeText, zh } from './read.ts';

const SAME_AGE = ' at the same age';

/** The like-with-like change a tool measured against the comparison period at the same age, in words. */
function sameAgeLine(i: Intent, c: FindingOf<'change'>, at: { period: string; base: string | null }): string {
  const { period } = at;
  const base = at.base ?? (c.base ?? '').slice(0, -SAME_AGE.length);
  const name = metricName(c.metric, i.language);
  const delta = fmtDelta(c.absolute, 'ratio', i.language);
  return zh(i.language)
    ? `同龄比较：${base}在同样的时间点${name}为 ${fmt(c.from, 'ratio')}，${period}为 ${fmt(c.to, 'ratio')}（${delta}）。`
    : `Like with like: at the same age ${base} had a ${name} of ${fmt(c.from, 'ratio')}, against ` +
        `${fmt(c.to, 'ratio')} for ${period} (${delta}).`;
}

export function maturityNotes(i: Intent, outcomes: Outcome[]): string[] {
  const seen = new Set<string>();
  return outcomes.flatMap((o) =>
    (o.payload?.findings ?? []).flatMap((f) => {
      if (f.kind !== 'maturity' || seen.has(`${f.metric}|${f.after}`)) return [];
      seen.add(`${f.metric}|${f.after}`);
      const at = scopeText(i, o);
      const { period } = at;
      const name = metricName(f.metric, i.language);
      const same = (o.payload?.findings ?? []).find(
        (c): c is FindingOf<'change'> => c.kind === 'change' && c.metric === f.metric && !!c.base?.endsWith(SAME_AGE),
      );
      return [
        zh(i.language)
          ? `仍在成熟中：${f.after} 之后下单的订单仍可能退货（交付后 30 天内），所以${period}的${name}是下限，不是最终值。`
          : `Still maturing: returns for orders placed after ${f.after} are still arriving (up to 30 days after ` +
            `delivery), so the ${name} for ${period} is a lower bound, not a final figure.`,
        ...(same ? [sameAgeLine(i, same, at)] : []),
      ];
    }),
  );
}
