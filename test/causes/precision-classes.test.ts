// Precision classes from the cause fuzzer: causes explain_change named that the data did not support,
// each pinned by a scenario of its class (eval/causes/classes/).
//   - a small price move on a segment that fell far further for another reason (a marketplace losing
//     its shoppers): the move is credited with at most what its size can do (an elasticity of 4),
//     not with the segment's whole fall.
import { afterAll, describe, expect, it } from 'vitest';
import { explainScenario, leadFrom, scenarioFile, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-precision-classes-');
afterAll(scratch.remove);

describe('precision classes from the cause fuzzer', () => {
  it('credits a small price rise with what its size can do, not with its segment falling for another reason', {
    timeout: 240_000,
  }, async () => {
    const s = scenarioFile('eval/causes/classes', 'amazon-drop-small-price-rise');
    const { data, manifest } = await explainScenario(s, scratch.dir, leadFrom(s, 31));
    const change = manifest.comparisons[0]!.change;
    const truth = manifest.events.find((e) => e.kind === 'price_increase')!.effect;
    const price = data.causes.find((c) => c.kind === 'price_increase');
    // +5% at an elasticity of at most 4 takes under a fifth of the segment's units; the manifest's effect
    // (elasticity 1.6 in the generator) is well inside that, the segment's whole fall is not.
    if (price) expect(Math.abs(price.effect! - truth)).toBeLessThan(0.2 * Math.abs(change));
  });
});
