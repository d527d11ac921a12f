// Server-side rendering of a guarded chart to SVG for the Markdown export: Vega's headless SVG renderer,
// with the expression interpreter (no code generation) and a loader that refuses every fetch.
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import * as vega from 'vega';
import type { ChartSpec } from '../../tools/types.ts';

const noFetch = {
  load: async () => { throw new Error('charts may not load anything'); },
  sanitize: async () => { throw new Error('charts may not load anything'); },
  http: async () => { throw new Error('charts may not load anything'); },
  file: async () => { throw new Error('charts may not load anything'); },
};

export async function chartToSvg(spec: ChartSpec): Promise<string> {
  const vg = compile(spec as unknown as TopLevelSpec).spec;
  const runtime = vega.parse(vg, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: 'none', expr: expressionInterpreter, loader: noFetch as never });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
