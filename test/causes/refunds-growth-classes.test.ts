// Refunds with nothing planted (eval/causes/classes/refunds-august-no-event.json): the growth the season
// reads is that of all the refunds, not of the products that happened to have one in the comparison
// month. Refunds are sparse, so a product with none in the comparison read as launched and was left out
// of the growth (dev seed 91: 0.34 for 0.74, the season -766% of the change).
import { afterAll, describe, expect, it } from 'vitest';
import { explainClass, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-refunds-growth-');
afterAll(scratch.remove);

describe('refunds held to the growth of all the refunds', () => {
  it('reads the season of a month with nothing planted as most of its change', { timeout: 180_000 }, async () => {
    const data = await explainClass('refunds-august-no-event', scratch.dir);
    const season = data.causes.find((c) => c.kind === 'seasonality');
    // The change is the season plus a month's noise in a few hundred refunds: same sign, same size.
    expect(season?.share).toBeGreaterThan(0.5);
    expect(season?.share).toBeLessThan(2);
  });
});
