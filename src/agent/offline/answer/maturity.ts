// The maturity findings of this turn's results, said once each: a return rate of recent orders is still rising,
// so the answer calls it "still maturing" and a lower bound instead of reading it as a fall.
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { metricName } from './format.ts';
import { scopeText, zh } from './read.ts';

export function maturityNotes(i: Intent, outcomes: Outcome[]): string[] {
  const seen = new Set<string>();
  return outcomes.flatMap((o) =>
    (o.payload?.findings ?? []).flatMap((f) => {
      if (f.kind !== 'maturity' || seen.has(`${f.metric}|${f.after}`)) return [];
      seen.add(`${f.metric}|${f.after}`);
      const { period } = scopeText(i, o);
      const name = metricName(f.metric, i.language);
      return [
        zh(i.language)
          ? `仍在成熟中：${f.after} 之后下单的订单仍可能退货（交付后 30 天内），所以${period}的${name}是下限，不是最终值。`
          : `Still maturing: returns for orders placed after ${f.after} are still arriving (up to 30 days after ` +
            `delivery), so the ${name} for ${period} is a lower bound, not a final figure.`,
      ];
    }),
  );
}
