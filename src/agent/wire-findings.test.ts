import { describe, expect, it } from 'vitest';
import { type Finding, StepRecordSchema, WIRE_FINDINGS_MAX, WIRE_LIST_MAX } from '../protocol/index.ts';
import { namesPersonalData, wireFindings } from './wire-findings.ts';

const share = (subject: string, s: number): Finding => ({
  kind: 'share',
  metric: 'units',
  period: '2024-04',
  subject,
  value: s * 100,
  total: 100,
  share: s,
});

describe('findings on the wire', () => {
  it('keeps the whole-result findings and the largest per-row ones, in the tool order, within the cap', () => {
    const many = Array.from({ length: 60 }, (_, i) => share(`S${i}`, (i + 1) / 2000));
    const total: Finding = {
      kind: 'change',
      metric: 'units',
      period: '2024-04',
      subject: 'total',
      from: 1,
      to: 2,
      absolute: 1,
      relative: 1,
      direction: 'up',
    };
    const out = wireFindings([...many, total])!;
    expect(out).toHaveLength(WIRE_FINDINGS_MAX);
    expect(out.at(-1)).toEqual(total);
    expect(out[0]).toMatchObject({ subject: `S${60 - WIRE_FINDINGS_MAX + 1}` });
    // What goes out is what the schema accepts.
    const step = {
      toolUseId: 't',
      tool: 'breakdown',
      input: {},
      queries: [],
      rowCount: 0,
      elapsedMs: 1,
      findings: out,
    };
    expect(StepRecordSchema.parse(JSON.parse(JSON.stringify(step))).findings).toEqual(out);
  });

  it('cuts long name lists but keeps counts and subjects whole', () => {
    const items = Array.from({ length: 40 }, (_, i) => `SKU-${i}`);
    const [c] = wireFindings([{ kind: 'count', metric: 'stock', condition: 'out_of_stock', count: 40, items }])!;
    expect(c).toMatchObject({ count: 40 });
    expect((c as { items: string[] }).items).toHaveLength(WIRE_LIST_MAX);
  });

  it('leaves out any finding that names something shaped like personal data', () => {
    const bad = [share('jo@example.com', 0.5), share('+1 (415) 555-0199', 0.2), share('10.0.0.12', 0.1)];
    for (const f of bad) expect(namesPersonalData(f)).toBe(true);
    expect(namesPersonalData(share('2024-07-01 to 2024-07-14', 0.3))).toBe(false);
    expect(namesPersonalData(share('SKU-00123', 0.3))).toBe(false);
    expect(wireFindings([...bad, share('Hats', 0.2)])).toEqual([share('Hats', 0.2)]);
    expect(wireFindings(undefined)).toBeUndefined();
    expect(wireFindings(bad)).toBeUndefined();
  });
});
