// The briefing's rounded figures are still roundings of query results: the grounding check that accepted the
// exact answer accepts its takeaways too, in both languages. (A test here, not beside src/ui/briefing.ts:
// the browser code may not import the guardrails.)
import { describe, expect, it } from 'vitest';
import { checkGrounding, extractNumbers } from '../../src/guardrails/grounding.ts';
import { briefing, roundFigures } from '../../src/ui/briefing.ts';

// Tool results as the explain_change summary gives them (exact), and answers that quote them.
const results = [
  { a: 11655.11, b: 10629.68, delta: -1025.43, relative: -0.088, season: -0.116, expected_b: 10308.15 },
  { versus_season: 321.53, effects: [-1428.82, -1364.46, -761.03, -683.59], residual: 3212.47, shares: [1.393, 1.331] },
  { net_sales: 116254.48, big: 15184.98, share: 0.823, orders: 12345, rate: 0.0274 },
];
const answers = {
  en: 'Net sales fell 8.80% in July 2025, from $11,655.11 in June 2025 to $10,629.68 (-$1,025.43). Against the season: the same months last year moved -11.60%, which would have put July 2025 at about $10,308.15; it came in $321.53 above that. The stock-out cost -$1,364.46, about 133.10% of the drop; Amazon is 82.30% of $116,254.48 and $15,184.98 fell away over 12,345 orders at a 2.74% return rate.',
  zh: '2025年7月的销售额下降 8.80%，从2025年6月的 $11,655.11 降至 $10,629.68（-$1,025.43）。照此2025年7月应在 $10,308.15 左右，实际高于这一预期 $321.53。亚马逊占 $116,254.48 的 82.30%，$15,184.98 的下降涉及 12,345 个订单，退货率 2.74%。',
} as const;

describe('rounded takeaways pass the grounding check', () => {
  for (const l of ['en', 'zh'] as const) {
    it(l, () => {
      expect(checkGrounding(answers[l], results).ungrounded).toEqual([]);
      const rounded = roundFigures(answers[l], l);
      expect(rounded).not.toBe(answers[l]);
      expect(checkGrounding(rounded, results).ungrounded).toEqual([]);
      // Same count of figures: rounding drops digits, never a figure.
      expect(extractNumbers(rounded).length).toBe(extractNumbers(answers[l]).length);
      const lines = briefing(answers[l], l).takeaways.join(' ');
      expect(checkGrounding(lines, results).ungrounded).toEqual([]);
    });
  }
});
