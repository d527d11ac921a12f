// A cube of leaves with integer-coded dimensions and columnar measures, so the searches run on
// typed arrays with no per-leaf objects. Two measure kinds: additive (a sum: net sales, orders,
// sessions) and ratio (conversion, AOV, return rate), kept as its additive numerator and denominator.
import { TidelensError } from '../errors.ts';

export interface AdditiveLeaf {
  dims: Record<string, string>;
  /** Baseline: comparison period or forecast. */
  a: number;
  /** Actual: current period. */
  b: number;
}

export interface RatioLeaf {
  dims: Record<string, string>;
  num_a: number;
  den_a: number;
  num_b: number;
  den_b: number;
}

interface CubeBase {
  dimNames: string[];
  /** values[d][code] is the text of code `code` in dimension d. */
  values: string[][];
  /** codes[d][leaf] is the leaf's code in dimension d. */
  codes: Int32Array[];
  n: number;
}

export interface AdditiveCube extends CubeBase {
  kind: 'additive';
  a: Float64Array;
  b: Float64Array;
}

export interface RatioCube extends CubeBase {
  kind: 'ratio';
  numA: Float64Array;
  denA: Float64Array;
  numB: Float64Array;
  denB: Float64Array;
}

export type Cube = AdditiveCube | RatioCube;

/** Interns dimension values into dense integer codes, one dictionary per dimension. */
export class DimensionEncoder {
  readonly values: string[][];
  private readonly maps: Map<string, number>[];
  constructor(readonly dimNames: string[]) {
    if (dimNames.length === 0) throw new TidelensError('bad_input', 'A cube needs at least one dimension.');
    if (new Set(dimNames).size !== dimNames.length)
      throw new TidelensError('bad_input', `Duplicate dimension names: ${dimNames.join(', ')}.`);
    this.values = dimNames.map(() => []);
    this.maps = dimNames.map(() => new Map());
  }
  code(d: number, value: string): number {
    const m = this.maps[d];
    let c = m.get(value);
    if (c === undefined) {
      c = this.values[d].length;
      m.set(value, c);
      this.values[d].push(value);
    }
    return c;
  }
}

function dimNamesOf(leaves: ReadonlyArray<{ dims: Record<string, string> }>, dims?: string[]): string[] {
  if (dims) return dims;
  if (leaves.length === 0) throw new TidelensError('bad_input', 'The cube is empty: no leaves to search.');
  return Object.keys(leaves[0].dims);
}

function encodeDims(leaves: ReadonlyArray<{ dims: Record<string, string> }>, dimNames: string[]) {
  const enc = new DimensionEncoder(dimNames);
  const codes = dimNames.map(() => new Int32Array(leaves.length));
  for (let i = 0; i < leaves.length; i++) {
    const dims = leaves[i].dims;
    for (let d = 0; d < dimNames.length; d++) {
      const v = dims[dimNames[d]];
      if (v === undefined) {
        throw new TidelensError(
          'bad_input',
          `Leaf ${i} has no value for dimension "${dimNames[d]}"; every leaf needs every dimension.`,
        );
      }
      codes[d][i] = enc.code(d, v);
    }
  }
  return { values: enc.values, codes };
}

function finite(x: number, what: string, i: number): number {
  if (!Number.isFinite(x)) throw new TidelensError('bad_input', `Leaf ${i}: ${what} is not a finite number (${x}).`);
  return x;
}

export function additiveCube(leaves: readonly AdditiveLeaf[], dims?: string[]): AdditiveCube {
  const dimNames = dimNamesOf(leaves, dims);
  const { values, codes } = encodeDims(leaves, dimNames);
  const a = new Float64Array(leaves.length);
  const b = new Float64Array(leaves.length);
  for (let i = 0; i < leaves.length; i++) {
    a[i] = finite(leaves[i].a, 'a', i);
    b[i] = finite(leaves[i].b, 'b', i);
  }
  return { kind: 'additive', dimNames, values, codes, n: leaves.length, a, b };
}

export function ratioCube(leaves: readonly RatioLeaf[], dims?: string[]): RatioCube {
  const dimNames = dimNamesOf(leaves, dims);
  const { values, codes } = encodeDims(leaves, dimNames);
  const n = leaves.length;
  const numA = new Float64Array(n);
  const denA = new Float64Array(n);
  const numB = new Float64Array(n);
  const denB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = leaves[i];
    numA[i] = finite(l.num_a, 'num_a', i);
    denA[i] = finite(l.den_a, 'den_a', i);
    numB[i] = finite(l.num_b, 'num_b', i);
    denB[i] = finite(l.den_b, 'den_b', i);
    if (denA[i] < 0 || denB[i] < 0) throw new TidelensError('bad_input', `Leaf ${i}: a ratio denominator is negative.`);
  }
  return { kind: 'ratio', dimNames, values, codes, n, numA, denA, numB, denB };
}

export function cardinalitiesOf(cube: CubeBase): number[] {
  return cube.values.map((v) => v.length);
}
