// Readers for the public RCA benchmark cases in ../shared/benchmarks/rca (read in place, never copied).
// Each case becomes the same Cube the product builds from SQL, plus its labelled root-cause set.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DimensionEncoder, type AdditiveCube, type RatioCube } from '../src/analysis/cube.ts';

export interface BenchCase<C> {
  setting: string;
  id: string;
  cube: C;
  /** Normalised label elements ("a=a1&b=b2"), deduplicated. */
  labels: string[];
}

function readGz(p: string): string {
  return zlib.gunzipSync(fs.readFileSync(p)).toString('utf8');
}

/** attr=value pairs sorted by attribute and joined with '&' (README §3). */
export function normaliseElement(pairs: Array<[string, string]>): string {
  return [...pairs]
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function normaliseLabelString(s: string): string[] {
  const els = s
    .split(';')
    .filter((e) => e.length > 0)
    .map((e) => normaliseElement(e.split('&').map((kv) => kv.split('=') as [string, string])));
  return [...new Set(els)];
}

// ---- Squeeze B0: additive, forecast given ----

export function listB0Settings(root: string): string[] {
  const dir = path.join(root, 'squeeze-B0');
  return fs
    .readdirSync(dir)
    .filter((d) => fs.statSync(path.join(dir, d)).isDirectory())
    .sort();
}

export function* readB0Setting(root: string, setting: string, limit = Infinity): Generator<BenchCase<AdditiveCube>> {
  const dir = path.join(root, 'squeeze-B0', setting);
  const labels = new Map<string, string[]>();
  const info = fs.readFileSync(path.join(dir, 'injection_info.csv'), 'utf8').trim().split('\n');
  const head = info[0].split(',');
  const iSet = head.indexOf('set');
  const iTs = head.indexOf('timestamp');
  for (const line of info.slice(1)) {
    const f = line.split(',');
    labels.set(f[iTs], normaliseLabelString(f[iSet]));
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv.gz'))
    .sort()
    .slice(0, limit);
  for (const file of files) {
    const id = file.replace(/\.csv\.gz$/, '');
    const lab = labels.get(id);
    if (!lab) throw new Error(`No label for B0 case ${setting}/${id} in injection_info.csv`);
    yield { setting, id, cube: parseB0Case(readGz(path.join(dir, file))), labels: lab };
  }
}

function parseB0Case(text: string): AdditiveCube {
  const lines = text.split('\n');
  const head = lines[0].trim().split(',');
  const iReal = head.indexOf('real');
  const iPred = head.indexOf('predict');
  const dimCols = head.map((h, i) => [h, i] as const).filter(([h]) => h !== 'real' && h !== 'predict');
  dimCols.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const enc = new DimensionEncoder(dimCols.map(([h]) => h));
  let n = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i].length > 0) n++;
  const codes = dimCols.map(() => new Int32Array(n));
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  let k = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const f = line.trim().split(',');
    b[k] = Number(f[iReal]);
    a[k] = Number(f[iPred]);
    for (let d = 0; d < dimCols.length; d++) codes[d][k] = enc.code(d, f[dimCols[d][1]]);
    k++;
  }
  return { kind: 'additive', dimNames: enc.dimNames, values: enc.values, codes, n, a, b };
}

// ---- RobustSpot RS: ratio (stalled viewers / viewers), no forecast ----

interface RsLabel {
  data: string;
  timestamp: number;
  labels: string[];
}

/** The anomaly.yaml here is a flat list of {data, timestamp, cause}; cause is a Python-style dict or list of dicts. */
export function parseRsLabels(yaml: string): RsLabel[] {
  const out: RsLabel[] = [];
  let cur: Partial<RsLabel> = {};
  for (const raw of yaml.split('\n')) {
    const line = raw.replace(/\r$/, '');
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^- data:\s*(.*)$/))) {
      cur = { data: m[1].trim() };
    } else if ((m = line.match(/^\s+timestamp:\s*(\d+)/))) {
      cur.timestamp = Number(m[1]);
    } else if ((m = line.match(/^\s+cause:\s*(.*)$/))) {
      const els = [...m[1].matchAll(/\{([^}]*)\}/g)].map((g) =>
        normaliseElement(
          [...g[1].matchAll(/'([^']+)'\s*:\s*('([^']*)'|[^,\s}]+)/g)].map(
            (p) => [p[1], p[3] ?? p[2]] as [string, string],
          ),
        ),
      );
      if (cur.data === undefined || cur.timestamp === undefined)
        throw new Error(`anomaly.yaml: cause before data/timestamp: ${line}`);
      out.push({ data: cur.data, timestamp: cur.timestamp, labels: [...new Set(els)] });
    }
  }
  return out;
}

export interface RsBaseline {
  /** Minutes before the anomaly minute averaged per leaf (README: 4, as RobustSpot and RiskLoc do). */
  minutes: number;
}

export function* readRsCases(
  root: string,
  limit = Infinity,
  baseline: RsBaseline = { minutes: 4 },
): Generator<BenchCase<RatioCube>> {
  const dir = path.join(root, 'robustspot-RS');
  const labels = parseRsLabels(fs.readFileSync(path.join(dir, 'anomaly.yaml'), 'utf8')).slice(0, limit);
  for (const l of labels) {
    const cube = parseRsCase(readGz(path.join(dir, `${l.data}.csv.gz`)), l.timestamp, baseline);
    yield { setting: 'RS', id: l.data, cube, labels: l.labels };
  }
}

/**
 * Leaves are the rows of the anomaly minute; the baseline of each leaf is the mean of its rows in the
 * `minutes` minutes before (minutes where the leaf has no row are not averaged in, as in RobustSpot's code).
 */
function parseRsCase(text: string, timestamp: number, baseline: RsBaseline): RatioCube {
  const lines = text.split('\n');
  const head = lines[0].trim().split(',');
  const iMin = head.indexOf('min');
  const iVal = head.indexOf('value');
  const iCnt = head.indexOf('cnt');
  const dimCols = head.map((h, i) => [h, i] as const).filter(([h]) => h !== 'min' && h !== 'value' && h !== 'cnt');
  dimCols.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const history = new Set<number>();
  for (let k = 1; k <= baseline.minutes; k++) history.add(timestamp - 60 * k);
  const current = new Map<string, { dims: string[]; value: number; cnt: number }>();
  const past = new Map<string, { value: number; cnt: number; rows: number }>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.length === 0) continue;
    const f = line.split(',');
    const t = Number(f[iMin]);
    if (t !== timestamp && !history.has(t)) continue;
    const dims = dimCols.map(([, j]) => f[j]);
    const key = dims.join('\u0001');
    const value = Number(f[iVal]);
    const cnt = Number(f[iCnt]);
    if (t === timestamp) {
      const c = current.get(key);
      if (c) {
        c.value += value;
        c.cnt += cnt;
      } else current.set(key, { dims, value, cnt });
    } else {
      const p = past.get(key) ?? { value: 0, cnt: 0, rows: 0 };
      p.value += value;
      p.cnt += cnt;
      p.rows++;
      past.set(key, p);
    }
  }
  const enc = new DimensionEncoder(dimCols.map(([h]) => h));
  const n = current.size;
  const codes = dimCols.map(() => new Int32Array(n));
  const numA = new Float64Array(n);
  const denA = new Float64Array(n);
  const numB = new Float64Array(n);
  const denB = new Float64Array(n);
  let k = 0;
  for (const [key, c] of current) {
    for (let d = 0; d < dimCols.length; d++) codes[d][k] = enc.code(d, c.dims[d]);
    const p = past.get(key);
    if (p) {
      numA[k] = p.value / p.rows;
      denA[k] = p.cnt / p.rows;
    }
    numB[k] = c.value;
    denB[k] = c.cnt;
    k++;
  }
  return { kind: 'ratio', dimNames: enc.dimNames, values: enc.values, codes, n, numA, denA, numB, denB };
}
