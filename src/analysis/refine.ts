// Moves a found element to its parent or child when the data says the cause sits there, using the
// ripple-effect reasoning of HotSpot / Squeeze: if the rest of the parent changed like the element,
// the parent is the cause (generalise); if one child carries the change and the rest of the element
// did not move, that child is the cause (specialise). On noisy count data (small leaves) the risk
// search alone often stops one level too deep or too shallow; this corrects it. A remainder counts
// as moved when its aggregate deviation is past the partition cutoff and at least `similarity` times
// the deviation of the part it is compared with.

export interface RefineContext {
  codes: Int32Array[];
  cardinalities: number[];
  real: Float64Array;
  pred: Float64Array;
  /** Leaves still in play (earlier root causes removed). */
  active: Uint8Array;
  cutoff: number;
  /** True when the abnormal side is deviation > cutoff (observed below expected). */
  right: boolean;
  maxLayer: number;
  similarity: number;
}

export interface ElementRef {
  dims: number[];
  values: number[];
}

interface Agg {
  real: number;
  pred: number;
}

function dev(a: Agg): number {
  const s = a.real + a.pred;
  return s === 0 ? 0 : (2 * (a.pred - a.real)) / s;
}

/** The active leaves of `e` in ascending order: the first dimension scans the cube, the others the list. */
function members(ctx: RefineContext, e: ElementRef): Int32Array {
  const n = ctx.active.length;
  const out = new Int32Array(n);
  let m = 0;
  if (e.dims.length === 0) {
    for (let i = 0; i < n; i++) if (ctx.active[i]) out[m++] = i;
    return out.subarray(0, m);
  }
  const c0 = ctx.codes[e.dims[0]];
  const v0 = e.values[0];
  for (let i = 0; i < n; i++) if (c0[i] === v0 && ctx.active[i]) out[m++] = i;
  for (let j = 1; j < e.dims.length; j++) {
    const c = ctx.codes[e.dims[j]];
    const v = e.values[j];
    let k = 0;
    for (let q = 0; q < m; q++) if (c[out[q]] === v) out[k++] = out[q];
    m = k;
  }
  return out.subarray(0, m);
}

function aggregate(ctx: RefineContext, e: ElementRef): Agg {
  const m = members(ctx, e);
  const out = { real: 0, pred: 0 };
  for (let q = 0; q < m.length; q++) {
    out.real += ctx.real[m[q]];
    out.pred += ctx.pred[m[q]];
  }
  return out;
}

/** Whether `rest` moved like `part`: past the cutoff on the abnormal side, and comparably far. */
function movedLike(ctx: RefineContext, rest: Agg, part: Agg): boolean {
  const dr = dev(rest);
  const dp = dev(part);
  const pastCutoff = ctx.right ? dr > ctx.cutoff : dr < ctx.cutoff;
  return pastCutoff && Math.sign(dr) === Math.sign(dp) && Math.abs(dr) >= ctx.similarity * Math.abs(dp);
}

function generalise(ctx: RefineContext, e: ElementRef): ElementRef | null {
  if (e.dims.length < 2) return null;
  const own = aggregate(ctx, e);
  let best: ElementRef | null = null;
  let bestShift = 0;
  for (let drop = 0; drop < e.dims.length; drop++) {
    const parent = { dims: e.dims.filter((_, j) => j !== drop), values: e.values.filter((_, j) => j !== drop) };
    const p = aggregate(ctx, parent);
    const rest = { real: p.real - own.real, pred: p.pred - own.pred };
    if (!movedLike(ctx, rest, own)) continue;
    const shift = Math.abs(rest.real - rest.pred);
    if (shift > bestShift) {
      best = parent;
      bestShift = shift;
    }
  }
  return best;
}

function specialise(ctx: RefineContext, e: ElementRef): ElementRef | null {
  if (e.dims.length >= ctx.maxLayer) return null;
  const own = aggregate(ctx, e);
  const ownShift = own.real - own.pred;
  const idx = members(ctx, e);
  let best: ElementRef | null = null;
  let bestShift = 0;
  for (let d = 0; d < ctx.codes.length; d++) {
    if (e.dims.includes(d)) continue;
    const k = ctx.cardinalities[d];
    const real = new Float64Array(k);
    const pred = new Float64Array(k);
    const count = new Int32Array(k);
    const codes = ctx.codes[d];
    for (let q = 0; q < idx.length; q++) {
      const i = idx[q];
      real[codes[i]] += ctx.real[i];
      pred[codes[i]] += ctx.pred[i];
      count[codes[i]]++;
    }
    // The child carrying most of the element's change, in the element's direction.
    let top = -1;
    for (let c = 0; c < k; c++) {
      const s = real[c] - pred[c];
      if (Math.sign(s) === Math.sign(ownShift) && (top < 0 || Math.abs(s) > Math.abs(real[top] - pred[top]))) top = c;
    }
    if (top < 0) continue;
    const child = { real: real[top], pred: pred[top] };
    const rest = { real: own.real - child.real, pred: own.pred - child.pred };
    // Without other leaves the child is the same set of leaves under a longer name.
    if (count[top] === idx.length) continue;
    if (movedLike(ctx, rest, child)) continue;
    const shift = Math.abs(child.real - child.pred);
    if (shift > bestShift) {
      bestShift = shift;
      const order = [...e.dims, d]
        .map((dim, j) => [dim, j < e.dims.length ? e.values[j] : top] as const)
        .sort((x, y) => x[0] - y[0]);
      best = { dims: order.map((x) => x[0]), values: order.map((x) => x[1]) };
    }
  }
  return best;
}

/** Walks up (first) or down from `e` until neither move applies; never revisits an element. */
export function refineElement(ctx: RefineContext, e: ElementRef): ElementRef {
  const seen = new Set<string>();
  const key = (x: ElementRef) => x.dims.map((d, j) => `${d}:${x.values[j]}`).join('&');
  let cur = e;
  seen.add(key(cur));
  for (let step = 0; step < 2 * ctx.maxLayer; step++) {
    const next = generalise(ctx, cur) ?? specialise(ctx, cur);
    if (!next || seen.has(key(next))) break;
    seen.add(key(next));
    cur = next;
  }
  return cur;
}
