// Findings travel with the turn: a step's findings (what the briefing's takeaways are written from) come back
// from both stores as they went in, and read back through the wire schema unchanged.
import { describe, expect, it } from 'vitest';
import { StoredTurnSchema } from '../../src/protocol/conversations.ts';
import type { Finding } from '../../src/protocol/index.ts';
import { bothStores, storedTurn } from './fixtures.ts';

const AT = new Date('2026-02-10T09:00:00Z');

const findings: Finding[] = [
  {
    kind: 'change',
    metric: 'orders',
    period: '2026-01',
    base: '2025-12',
    subject: '2026-01',
    from: 812,
    to: 744,
    absolute: -68,
    relative: -68 / 812,
    direction: 'down',
  },
  { kind: 'threshold', metric: 'stock', period: '2026-01', condition: 'out_of_stock', holds: false, items: [] },
];

describe.each(bothStores('findings', () => AT))('%s store', (_name, open) => {
  it('keeps each step with its findings', async () => {
    const store = await open();
    const conv = await store.create('7', 'Orders in January');
    const turn = storedTurn(conv.id, 0, AT);
    const step = { toolUseId: 'u1', tool: 'compare_periods', input: {}, queries: [], rowCount: 1, elapsedMs: 2 };
    turn.summary.steps = [{ ...step, findings }, step];
    await store.appendTurn(turn);
    const [back] = await store.turns(conv.id);
    expect(back!.summary.steps[0]!.findings).toEqual(findings);
    expect(back!.summary.steps[1]!.findings).toBeUndefined();
    expect(StoredTurnSchema.parse(back).summary.steps[0]!.findings).toEqual(findings);
    await store.close();
  });
});
