// Chart validity as the UI would meet it: the spec passes the chart guard, compiles with vega-lite and
// renders to SVG with vega's headless View (renderer "none", no DOM).
import { logger, None, parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { checkChart } from '../../src/guardrails/chart-guard.ts';
import type { ChartSpec } from '../../src/tools/types.ts';

export interface ChartVerdict {
  ok: boolean;
  problem?: string;
}

export async function checkChartRenders(spec: ChartSpec): Promise<ChartVerdict> {
  const guarded = checkChart(spec);
  if (!guarded.ok) return { ok: false, problem: `chart guard: ${guarded.reason}` };
  let view: View | undefined;
  try {
    // Layout warnings ("Dropping fit-y") are not failures; errors still throw.
    const vg = compile(guarded.spec as unknown as TopLevelSpec, { logger: logger(None) }).spec;
    view = new View(parse(vg), { renderer: 'none', logLevel: None });
    const svg = await view.toSVG();
    if (!svg.startsWith('<svg')) return { ok: false, problem: 'vega rendered no SVG' };
    return { ok: true };
  } catch (e) {
    return { ok: false, problem: `${(e as Error).message ?? String(e)}`.slice(0, 300) };
  } finally {
    view?.finalize();
  }
}
