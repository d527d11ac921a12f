// Claims the answers make, as the loop's claim check sorted them against the tools' findings: counted per
// run, and the contradicted ones named per case, so a wrong "lowest week" shows up beside a wrong number.
import type { ClaimsCheck } from '../../src/protocol/index.ts';

export interface ClaimTotals {
  verified: number;
  unverified: number;
  contradicted: number;
  turnsWithContradictions: number;
}

export const NO_CLAIMS: ClaimsCheck = { verified: [], unverified: [], contradicted: [] };

export function claimTotals(turns: { claims?: ClaimsCheck }[]): ClaimTotals {
  const sum = (k: keyof ClaimsCheck) => turns.reduce((a, t) => a + (t.claims ?? NO_CLAIMS)[k].length, 0);
  return {
    verified: sum('verified'),
    unverified: sum('unverified'),
    contradicted: sum('contradicted'),
    turnsWithContradictions: turns.filter((t) => t.claims?.contradicted.length).length,
  };
}

export function claimsLine(c: ClaimTotals): string {
  return (
    `  claims verified ${c.verified} / unverified ${c.unverified} / contradicted ${c.contradicted}` +
    ` (in ${c.turnsWithContradictions} turns)`
  );
}

/** A case line's note for a turn with contradicted claims: the first reason, short. */
export function contradictionNote(claims: ClaimsCheck | undefined, at: string): string | null {
  const first = claims?.contradicted[0];
  if (!first) return null;
  return `${at}contradicted claim (${first.reason.slice(0, 80)})`;
}
