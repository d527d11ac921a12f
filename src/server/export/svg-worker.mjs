// The chart renderer's thread: Vega-Lite → Vega → SVG, off the server's event loop, so a long export never
// delays another request. Plain JavaScript so the thread starts without a TypeScript loader. Charts are data:
// Vega's expression interpreter (no code generation) and a loader that refuses every fetch.
import { parentPort } from 'node:worker_threads';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';

const refuse = async () => {
  throw new Error('charts may not load anything');
};
const noFetch = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

async function render(spec) {
  const runtime = vega.parse(compile(spec).spec, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: 'none', expr: expressionInterpreter, loader: noFetch });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

parentPort?.on('message', async ({ id, spec }) => {
  try {
    parentPort.postMessage({ id, svg: await render(spec) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e?.message ?? e).slice(0, 300) });
  }
});
