// Charts as SVG images for the exports: drawn at a readable width with their own title on the render
// threads (export/svg-pool.ts), and kept once per turn in a bounded cache, because a stored turn's charts
// never change and re-drawing them for every download is what froze the server.
import type { ChartSpec } from '../../tools/types.ts';
import { Lru } from '../export/lru.ts';
import { SvgPool } from '../export/svg-pool.ts';

/** Wide enough for month labels and legends to be read in a document or on paper. */
export const EXPORT_CHART_WIDTH = 720;
const EXPORT_CHART_HEIGHT = 320;

const READABLE_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  title: { fontSize: 16, anchor: 'start', limit: 0 },
  axis: { labelFontSize: 12, titleFontSize: 13, labelLimit: 240 },
  legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 240 },
};

/** The spec the browser draws at container width, fixed to the export's width; its own config wins. */
export function readableSpec(spec: ChartSpec, width = EXPORT_CHART_WIDTH): ChartSpec {
  const own = (spec.config ?? {}) as Record<string, unknown>;
  const config: Record<string, unknown> = { ...READABLE_CONFIG, ...own };
  for (const k of ['title', 'axis', 'legend'] as const) {
    config[k] = { ...READABLE_CONFIG[k], ...(own[k] as object | undefined) };
  }
  const height = typeof spec.height === 'number' ? Math.max(spec.height, EXPORT_CHART_HEIGHT) : EXPORT_CHART_HEIGHT;
  // fit: the whole image, axes and legend included, is `width` wide, as a document column expects.
  const autosize = spec.autosize ?? { type: 'fit', contains: 'padding' };
  return { ...spec, width, height, autosize, background: spec.background ?? 'white', config };
}

/** The chart's own title as plain text, for alt text and captions. */
export function chartTitle(spec: ChartSpec): string {
  const t = spec.title as unknown;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && 'text' in t) {
    const text = (t as { text: unknown }).text;
    return Array.isArray(text) ? text.join(' ') : String(text ?? '');
  }
  return '';
}

export interface ChartCacheStats {
  hits: number;
  renders: number;
  failures: number;
  entries: number;
  bytes: number;
}

let sharedPool: SvgPool | undefined;

/** One set of render threads per process, however many apps it builds. */
export function sharedSvgPool(): SvgPool {
  sharedPool ??= new SvgPool();
  return sharedPool;
}

export interface ChartRendererOptions {
  pool: SvgPool;
  maxEntries: number;
  maxBytes: number;
  width: number;
}

/** Data URIs of drawn charts, cached by a key that names one chart of one stored turn. */
export class ChartRenderer {
  private readonly pool: SvgPool;
  private readonly width: number;
  private readonly cache: Lru<string>;
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly counts = { hits: 0, renders: 0, failures: 0 };

  constructor({
    pool = sharedSvgPool(),
    maxEntries = 2_000,
    maxBytes = 64 * 1024 * 1024,
    width = EXPORT_CHART_WIDTH,
  }: Partial<ChartRendererOptions> = {}) {
    this.pool = pool;
    this.width = width;
    this.cache = new Lru(maxEntries, maxBytes, (uri) => uri.length);
  }

  /** `key` null draws without caching (a turn still running may get more charts). */
  image(key: string | null, spec: ChartSpec): Promise<string> {
    if (key === null) return this.draw(spec);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.counts.hits++;
      return Promise.resolve(hit);
    }
    // Ten downloads of one conversation at once draw each chart once.
    const pending = this.inFlight.get(key);
    if (pending) {
      this.counts.hits++;
      return pending;
    }
    const p = this.draw(spec)
      .then((uri) => {
        this.cache.set(key, uri);
        return uri;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  stats(): ChartCacheStats {
    return { ...this.counts, entries: this.cache.size, bytes: this.cache.bytes };
  }

  private async draw(spec: ChartSpec): Promise<string> {
    this.counts.renders++;
    try {
      const svg = await this.pool.render(readableSpec(spec, this.width));
      return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    } catch (e) {
      this.counts.failures++;
      throw e;
    }
  }
}
