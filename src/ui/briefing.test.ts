import { describe, expect, it } from 'vitest';
import { briefing, briefingFrom, isVerified, roundFigures, roundMoney, roundPercent, sentences } from './briefing.ts';

describe('rounding follows the size of the number', () => {
  it('money', () => {
    expect(roundMoney(15184.98, 'en')).toBe('$15.2k');
    expect(roundMoney(116254.48, 'en')).toBe('$116k');
    expect(roundMoney(1025.43, 'en')).toBe('$1.0k');
    expect(roundMoney(321.53, 'en')).toBe('$322');
    expect(roundMoney(4.56, 'en')).toBe('$4.56');
    expect(roundMoney(2_340_000, 'en')).toBe('$2.3M');
    expect(roundMoney(15184.98, 'zh')).toBe('$1.52万');
    expect(roundMoney(116254.48, 'zh')).toBe('$11.6万');
  });
  it('percentages', () => {
    expect(roundPercent(13.2)).toBe('13%');
    expect(roundPercent(82.3)).toBe('82%');
    expect(roundPercent(8.8)).toBe('8.8%');
    expect(roundPercent(0.456)).toBe('0.46%');
  });
  it('rewrites amounts, percentages and large counts but leaves dates, codes and small counts', () => {
    expect(roundFigures('fell 8.80% to $10,629.68 (-$1,025.43) on 2025-07-01', 'en')).toBe(
      'fell 8.8% to $10.6k (−$1.0k) on 2025-07-01',
    );
    expect(roundFigures('8 SKUs (TW-BIK-001), 636 sessions, 12,345 orders, +1.20 pp', 'en')).toBe(
      '8 SKUs (TW-BIK-001), 636 sessions, 12.3k orders, +1.2 pp',
    );
    expect(roundFigures('销售额下降 8.80%，从 $11,655.11 降至 $10,629.68（-$1,025.43）', 'zh')).toBe(
      '销售额下降 8.8%，从 $1.17万 降至 $1.06万（−$1,025）',
    );
  });
});

describe('briefing', () => {
  const text = [
    'Net sales fell 8.80% in July 2025, from $11,655.11 to $10,629.68 (-$1,025.43). Against the season: the same months last year moved -11.60%, which would have put July 2025 at about $10,308.15; it came in $321.53 above that, so the season explains it.',
    'By driver (the contributions add up to the change):\n- Own website: sessions -$473.36\n- Amazon: orders -$723.01',
    'Causes, largest first:\n1. A stock-out: -$1,364.46 (medium confidence).',
    'About +$3,212.47 of the change is not explained by these causes.',
  ].join('\n\n');

  it('takes at most three rounded lines from the opening and titles the sections by their lead-in', () => {
    const b = briefing(text, 'en');
    expect(b.takeaways).toEqual([
      'Net sales fell 8.8% in July 2025, from $11.7k to $10.6k (−$1.0k).',
      'Against the season: the same months last year moved −12%, which would have put July 2025 at about $10.3k.',
      'It came in $322 above that, so the season explains it.',
    ]);
    expect(b.sections.map((s) => s.title)).toEqual([
      'By driver (the contributions add up to the change)',
      'Causes, largest first',
      '',
    ]);
    expect(b.sections[0]!.markdown).toContain('-$473.36'); // exact in the detail
  });

  it('while streaming, rounds only finished sentences', () => {
    expect(briefing('Net sales fell 8.80% in July. It went from $11.', 'en', true).takeaways).toEqual([
      'Net sales fell 8.8% in July.',
    ]);
    expect(briefing('销售额下降 8.80%。从 $11,6', 'zh', true).takeaways).toEqual(['销售额下降 8.8%。']);
  });

  it('splits Chinese sentences at full stops', () => {
    expect(sentences('第一句。第二句！')).toEqual(['第一句。', '第二句！']);
  });
});

describe('Chinese text', () => {
  it('rounds figures written right after a Chinese character', () => {
    expect(roundFigures('销售额为$10,629.68，下降8.80%', 'zh')).toBe('销售额为$1.06万，下降8.8%');
  });
});

describe('isVerified', () => {
  it('matches a takeaway to the claim sentence that holds it, however it was cut', () => {
    const verified = ['Net sales fell 8.80% in July 2025, from $11,655.11 to $10,629.68 (-$1,025.43).'];
    expect(isVerified('Net sales fell 8.80% in July 2025, from $11,655.11 to $10,629.68 (-$1,025.43).', verified)).toBe(
      true,
    );
    expect(isVerified('**Net sales** fell 8.80% in July 2025', verified)).toBe(true);
    expect(isVerified('Amazon is 82.30% of net sales.', verified)).toBe(false);
    expect(isVerified('OK.', ['OK.'])).toBe(false); // too short to mean anything
  });
});

describe('briefingFrom (takeaways written from findings)', () => {
  const answer =
    'Orders fell 6.25% to 1,215 in March 2024. Returns rose as well.\n\nDrivers:\n- Amazon: −81 orders\n- Own website: +2 orders';

  it('leads with the given lines and keeps the whole opening, exact, in the untitled section', () => {
    const b = briefingFrom(answer, 'en', ['Orders fell 6% to 1,215 in March 2024.']);
    expect(b.takeaways).toEqual(['Orders fell 6% to 1,215 in March 2024.']);
    expect(b.exact).toEqual([]);
    expect(b.sections.map((s) => s.title)).toEqual(['Drivers', '']);
    expect(b.sections[1]!.markdown).toBe('Orders fell 6.25% to 1,215 in March 2024. Returns rose as well.');
  });

  it('while streaming, keeps a half-written last sentence out of the detail', () => {
    const b = briefingFrom('Orders fell 6.25% to 1,2', 'en', ['x'], true);
    expect(b.sections).toEqual([]);
  });
});
