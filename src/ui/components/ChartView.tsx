// Draws a server-checked Vega-Lite spec. vega-embed is imported on first use so the first screen stays light.
// Embedding is locked down as well: the expression interpreter instead of generated code, no actions menu,
// a loader that refuses every fetch, a text-only tooltip, and usermeta removed (vega-embed 7 would merge
// usermeta.embedOptions over ours). The spec's words are swapped into the reader's language first
// (localizeChart), which also drops usermeta.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { type ChartSpec, localizeChart } from '../../protocol/index.ts';
import { summarizeChart } from '../chart-summary.ts';
import { fitTitle } from '../chart-title.ts';
import { wfw } from '../chart-summary-words.ts';
import { upColour, upColourChart } from '../colour.ts';
import { fmtNumber, fmtValue } from '../format.ts';
import { lang, t } from '../i18n.ts';
import { type ChartState, installPrintShortcut } from '../print.ts';

// Printing waits for every chart to draw (src/ui/print.ts); the shortcut is set up once a chart can appear.
if (typeof window !== 'undefined') installPrintShortcut();

const refuse = () => Promise.reject(new Error('charts may not load anything'));
const noFetchLoader = { options: {}, load: refuse, sanitize: refuse, http: refuse, file: refuse };

let tip: HTMLDivElement | null = null;
/** A tooltip that only ever writes text: no HTML, no images. */
function textTooltip(_handler: unknown, event: MouseEvent, _item: unknown, value: unknown) {
  tip ??= Object.assign(document.createElement('div'), { className: 'chart-tip', role: 'tooltip' });
  if (!tip.isConnected) document.body.append(tip);
  if (value === null || value === undefined || value === '') {
    tip.hidden = true;
    return;
  }
  tip.textContent =
    typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
          .map(
            ([k, v]) =>
              `${k}: ${typeof v === 'number' ? v.toLocaleString(lang.value === 'zh' ? 'zh-CN' : 'en-US') : String(v)}`,
          )
          .join('\n')
      : String(value);
  tip.hidden = false;
  tip.style.left = `${event.clientX + 12}px`;
  tip.style.top = `${event.clientY + 12}px`;
}

/**
 * The text alternative under the chart, from the chart's own data: what it measures and its extremes, or for
 * a waterfall its start and end totals and largest decrease and increase.
 */
function ChartCaption({ spec }: { spec: ChartSpec }) {
  const s = summarizeChart(spec);
  if (!s) return null;
  const format = valueFormat(spec);
  const num = (v: number) => (format ? fmtValue(v, format) : fmtNumber(v));
  const at = (e: { label: string; value: number }) => `${num(e.value)}${e.label ? ` (${e.label})` : ''}`;
  const text =
    s.kind === 'waterfall'
      ? wfw.value.waterfallAlt(s.measure, at(s.start), at(s.end), s.fall && at(s.fall), s.rise && at(s.rise))
      : t.value.chartAlt(s.measure, s.points, at(s.max), at(s.min));
  return <figcaption class="chart-alt small muted">{text}</figcaption>;
}

/** The d3 format the chart gives its measured value (tooltips carry the exact one). */
function valueFormat(spec: ChartSpec): string | undefined {
  const enc = (spec.encoding ?? (spec.layer as { encoding?: unknown }[] | undefined)?.[0]?.encoding) as
    | { tooltip?: { type?: string; format?: string }[] }
    | undefined;
  return enc?.tooltip?.find((c) => c.type === 'quantitative' && c.format)?.format;
}

/** Room to keep for the chart before it draws: its own height where it gives one, so short charts leave no gap. */
function reservedHeight(spec: ChartSpec): number {
  const h = spec.height as number | { step?: number } | undefined;
  if (typeof h === 'number') return h + 70;
  const y = (spec.encoding as { y?: { field?: string } } | undefined)?.y?.field;
  const values = (spec.data as { values?: Record<string, unknown>[] } | undefined)?.values;
  if (!h?.step || !y || !values) return 240;
  return h.step * new Set(values.map((r) => r[y])).size + 90;
}

export function ChartView({ spec: drawn }: { spec: ChartSpec }) {
  const spec = useMemo(
    () => upColourChart(localizeChart(drawn, lang.value), upColour.value),
    [drawn, lang.value, upColour.value],
  );
  const title = summarizeChart(spec)?.title || (typeof spec.title === 'string' ? spec.title : '');
  const label = title ? t.value.chartOf(title) : t.value.chart;
  const ref = useRef<HTMLDivElement>(null);
  const failed = useSignal(false);
  const state = useSignal<ChartState>('drawing');
  useEffect(() => {
    state.value = 'drawing';
    let finalize: (() => void) | undefined;
    let cancelled = false;
    const { usermeta: _drop, ...clean } = structuredClone(spec);
    // The figure carries the chart's name and its text alternative in the reader's language; Vega's own
    // English descriptions of axes, legends and marks ("X-axis titled …") are switched off.
    const config = { ...((clean.config as object | undefined) ?? {}), aria: false };
    // The title in lines that fit the width the chart is drawn at, centred on the whole drawing rather than the
    // plot beside the axis labels: Vega would cut it at the edge on a phone.
    const room = (ref.current?.clientWidth ?? 0) - 10;
    if (clean.title !== undefined) clean.title = { frame: 'bounds', ...fitTitle(clean.title, room), aria: false };
    const sized = {
      width: 'container',
      autosize: { type: 'fit', contains: 'padding' },
      ...clean,
      description: label, // the SVG's own name; Vega's default is "Vega visualization"
      config,
    };
    void import('vega-embed')
      .then(({ default: embed }) =>
        cancelled || !ref.current
          ? null
          : embed(ref.current, sized as never, {
              mode: 'vega-lite',
              renderer: 'svg',
              actions: false,
              ast: true,
              defaultStyle: false,
              loader: noFetchLoader as never,
              tooltip: textTooltip as never,
              logLevel: 0,
            }),
      )
      .then((res) => {
        if (!res) return;
        if (cancelled) res.finalize();
        else {
          finalize = () => res.finalize();
          // The figure's label and caption are the chart's text alternative; Vega labels its title in
          // English ("Title text …") even with aria off, so the drawing itself is hidden from screen readers.
          ref.current?.querySelector('svg')?.setAttribute('aria-hidden', 'true');
          state.value = 'drawn';
        }
      })
      .catch(() => {
        failed.value = true;
        state.value = 'failed';
      });
    return () => {
      cancelled = true;
      finalize?.();
      if (tip) tip.hidden = true;
    };
  }, [spec, label]);
  return (
    <figure class="chart-block" aria-label={label} data-chart={state.value}>
      <div class="chart" ref={ref} style={{ minHeight: `${Math.min(reservedHeight(spec), 700)}px` }} />
      {failed.value && <p class="muted">{t.value.chartFailed}</p>}
      <ChartCaption spec={spec} />
    </figure>
  );
}
