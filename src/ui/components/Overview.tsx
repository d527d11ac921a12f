// KPI cards on the empty chat: the latest full month against the month before and the same month last year.
// Sparklines are a plain SVG polyline, so this screen needs no chart library.
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { KpiCard, Overview as OverviewData } from '../../protocol/index.ts';
import { api } from '../api.ts';
import { fmtChange, fmtMoney, fmtMonth, fmtNumber, fmtPercent } from '../format.ts';
import { t } from '../i18n.ts';
import { ask } from '../model.ts';

function value(card: KpiCard, v: number | null, currency: string): string {
  if (card.metric === 'net_sales' || card.metric === 'aov') return fmtMoney(v, currency);
  if (card.metric === 'conversion_rate' || card.metric === 'return_rate') return fmtPercent(v, 2);
  return v === null ? '–' : fmtNumber(v);
}

function Sparkline({ series }: { series: KpiCard['series'] }) {
  const vals = series.map((p) => p.value).filter((v): v is number => v !== null);
  if (vals.length < 2) return null;
  const min = Math.min(...vals),
    max = Math.max(...vals);
  const pts = series
    .map((p, i) =>
      p.value === null ? null : `${(i / (series.length - 1)) * 100},${28 - ((p.value - min) / (max - min || 1)) * 26}`,
    )
    .filter(Boolean)
    .join(' ');
  return (
    <svg class="spark" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true">
      <polyline points={pts} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />
    </svg>
  );
}

export function Overview() {
  const data = useSignal<OverviewData | null>(null);
  useEffect(() => {
    api<OverviewData>('/api/overview').then(
      (d) => (data.value = d),
      () => (data.value = null),
    );
  }, []);
  const d = data.value;
  if (!d) return null;
  return (
    <section class="overview" aria-label={t.value.overviewTitle}>
      <h2>
        {t.value.overviewTitle}: {fmtMonth(d.month)}
      </h2>
      <div class="cards">
        {d.cards.map((c) => {
          const name = t.value.metrics[c.metric] ?? c.metric;
          // A falling return rate is good news: colour by whether the change helps, not by its sign.
          const good = (d: ReturnType<typeof fmtChange>) =>
            c.metric === 'return_rate' ? { ...d, dir: d.dir === 'up' ? 'down' : d.dir === 'down' ? 'up' : d.dir } : d;
          const mom = good(fmtChange(c.value, c.previous));
          const yoy = good(fmtChange(c.value, c.lastYear));
          return (
            <button
              type="button"
              key={c.metric}
              class="card"
              onClick={() => void ask(t.value.askAbout(name, fmtMonth(d.month)))}
            >
              <span class="card-name">{name}</span>
              <span class="card-value">{value(c, c.value, d.currency)}</span>
              <span class="card-deltas">
                <span class={mom.dir}>
                  {t.value.vsPrev} {mom.text}
                </span>
                <span class={yoy.dir}>
                  {t.value.vsYear} {yoy.text}
                </span>
              </span>
              <Sparkline series={c.series} />
            </button>
          );
        })}
      </div>
    </section>
  );
}
