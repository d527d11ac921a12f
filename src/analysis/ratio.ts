// Exact attribution of a change in a ratio of sums R = ΣN / ΣD to segments. With segment volume
// shares w = D_s/D and rates r = N_s/D_s, R = Σ w·r, and for each segment
//   w_B·r_B − w_A·r_A = w̄·(r_B − r_A) + (r̄ − R̄)·(w_B − w_A) + R̄·(w_B − w_A)
// where bars are A/B midpoints. The last term sums to zero over any partition (Σ Δw = 0), so
//   rate effect = w̄·Δr      (the segment's own rate moved)
//   mix effect  = (r̄ − R̄)·Δw (its volume share moved while its rate differs from the total's)
// add up exactly to R_B − R_A over the values of any dimension, and a segment whose rate and share
// did not change gets nothing (unlike N_B,s/D_B − R_A·D_B,s/D_B, which charges it for its level).

export interface RatioTotals {
  numA: number;
  denA: number;
  numB: number;
  denB: number;
}

export interface RatioAttribution {
  rateA: number;
  rateB: number;
  rate_effect: number;
  mix_effect: number;
  contribution: number;
}

export function ratioAttribution(seg: RatioTotals, total: RatioTotals): RatioAttribution {
  if (total.denA === 0 || total.denB === 0) {
    return { rateA: NaN, rateB: NaN, rate_effect: 0, mix_effect: 0, contribution: 0 };
  }
  const RA = total.numA / total.denA;
  const RB = total.numB / total.denB;
  // A segment absent in one period has no rate there; its own rate is carried over, so its whole
  // contribution is mix (it appeared or vanished), which keeps the identity exact (its weight is 0).
  let rA = seg.denA > 0 ? seg.numA / seg.denA : NaN;
  let rB = seg.denB > 0 ? seg.numB / seg.denB : NaN;
  if (Number.isNaN(rA)) rA = Number.isNaN(rB) ? RA : rB;
  if (Number.isNaN(rB)) rB = rA;
  const wA = seg.denA / total.denA;
  const wB = seg.denB / total.denB;
  const rate = ((wA + wB) / 2) * (rB - rA);
  const mix = ((rA + rB) / 2 - (RA + RB) / 2) * (wB - wA);
  return { rateA: rA, rateB: rB, rate_effect: rate, mix_effect: mix, contribution: rate + mix };
}
