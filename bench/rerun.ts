// Loopback timing of the chip re-run (POST /api/conversations/:id/turns/:turnId/rerun): an analyst asks one why
// question and one template question, then re-runs each answer's tool N times with one changed input, as a
// changed chip does (channel, period, metric in turn, cycling through GET /api/rerun/options), timing each
// request from sent to response body read. Prints p50/p95/max per tool, the load average before and after, and
// the data's scale (orders, order lines, dates). Sequential, so each time is one re-run's own; every re-run
// edits the original answer (not the previous re-run). Nearest-rank percentiles: at N=20, p95 is the maximum.
//   npx tsx bench/rerun.ts [--n 20] [--db sqlite:PATH] [--why "why did July drop?"]
//     [--template "net sales by channel in July 2025"]
// Without --db it seeds a small warehouse (scale 0.2) in a temp folder first. The server runs in its own
// process (`tidelens serve`, offline model) so the load generator does not share its event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, parseDbUrl } from '../src/db/index.ts';
import type { RerunOptions } from '../src/protocol/rerun.ts';
import { logInAnalyst, pct, startBenchServer, warehouseFor } from './support/bench-server.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20' },
    db: { type: 'string' },
    why: { type: 'string', default: 'why did July drop?' },
    template: { type: 'string', default: 'net sales by channel in July 2025' },
  },
});
// One conversation holds the question and its re-runs; the server caps a conversation at 100 turns.
const runs = Math.max(1, Math.min(Number(values.n) || 20, 99));
/** The chips a re-run changes, in turn: the ones every steerable answer of these two questions shows. */
const CHIPS = ['channel', 'period', 'metric'] as const;

const ms = (n: number) => `${n.toFixed(1)} ms`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const dir = mkdtempSync(join(tmpdir(), 'tl-bench-'));
const dbUrl = await warehouseFor(dir, values.db);
const server = await startBenchServer(dir, dbUrl);
const url = server.url;

interface Step {
  tool: string;
  input: Record<string, unknown>;
}

try {
  const scale = await dataScale(dbUrl);
  const headers = await logInAnalyst(dbUrl, url);
  const options = (await (await fetch(`${url}/api/rerun/options`, { headers })).json()) as RerunOptions;

  console.log(`data: ${scale}`);
  console.log(`${runs} sequential re-runs per question, analyst, offline model, loopback`);
  console.log(`load average before: ${load()}`);
  const lines: string[] = [];
  for (const question of [values.why, values.template]) {
    const { conversationId, turnId, step } = await ask(url, headers, question);
    const lat: number[] = [];
    let failed = 0;
    const keys = new Map<string, number>(); // what the stored re-runs say they changed
    for (let i = 0; i < runs; i++) {
      const input = changed(step, options, i);
      const t = performance.now();
      const r = await fetch(`${url}/api/conversations/${conversationId}/turns/${turnId}/rerun`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ tool: step.tool, input }),
      });
      const body = await r.text();
      lat.push(performance.now() - t);
      if (r.ok) {
        const turn = (JSON.parse(body) as { turn: { edited?: { changes: { key: string }[] } } }).turn;
        for (const c of turn.edited?.changes ?? []) keys.set(c.key, (keys.get(c.key) ?? 0) + 1);
      } else {
        failed++;
        if (failed === 1) console.error(`re-run of ${step.tool} failed with ${r.status}: ${body.slice(0, 300)}`);
      }
    }
    lines.push(
      `${step.tool.padEnd(16)} n=${String(lat.length).padStart(3)}  p50 ${ms(pct(lat, 50)).padStart(9)}  p95 ${ms(pct(lat, 95)).padStart(9)}  max ${ms(Math.max(...lat)).padStart(9)}  failed ${failed}  changed ${[...keys].map(([k, n]) => `${k}×${n}`).join(' ')}  ("${question}")`,
    );
  }
  for (const l of lines) console.log(l);
  console.log(`load average after: ${load()}`);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Asks one question; returns its conversation, its turn and the first step a chip can steer. */
async function ask(base: string, h: Record<string, string>, message: string) {
  const r = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { ...h, 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  const sse = await r.text();
  const started = sse.match(/^data: (.*"type":"turn_started".*)$/m);
  if (!r.ok || !started) throw new Error(`"${message}" did not start a turn (${r.status}): ${sse.slice(0, 300)}`);
  const { conversationId, turnId } = JSON.parse(started[1]!) as { conversationId: string; turnId: string };
  const detail = (await (await fetch(`${base}/api/conversations/${conversationId}`, { headers: h })).json()) as {
    turns: { turnId: string; summary: { steps: Step[] } }[];
  };
  const steps = detail.turns.find((t) => t.turnId === turnId)?.summary.steps ?? [];
  const step = steps.find((s) => s.tool !== 'run_sql' && s.tool !== 'describe_schema');
  if (!step) throw new Error(`"${message}" was answered without a steerable tool (${steps.map((s) => s.tool)})`);
  return { conversationId, turnId, step };
}

/**
 * The i-th changed input: one chip of CHIPS (those the tool takes) set to the next of its allowed values that
 * differs from the answer's own, so every re-run is a real change the route accepts.
 */
function changed(step: Step, options: RerunOptions, i: number): Record<string, unknown> {
  const tool = options.tools[step.tool];
  if (!tool) throw new Error(`${step.tool} is not in GET /api/rerun/options; nothing to re-run`);
  const allowed = (key: string): string[] =>
    key === 'period' ? options.months : (tool.values[key] ?? (key === 'channel' ? options.channels : []));
  const chips = CHIPS.filter((k) => tool.keys.includes(k) && allowed(k).length > 1);
  if (!chips.length) throw new Error(`${step.tool} takes none of ${CHIPS.join(', ')}`);
  const key = chips[i % chips.length]!;
  const pool = allowed(key).filter((v) => v !== step.input[key]);
  return { ...step.input, [key]: pool[Math.floor(i / chips.length) % pool.length] };
}

/** How big the data is, from the warehouse itself: orders, order lines and the months they span. */
async function dataScale(dbUrl: string): Promise<string> {
  const db = await openDb(parseDbUrl(dbUrl));
  const { rows } = await db.query(
    `SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM order_items) AS lines,
       (SELECT MIN(order_date) FROM orders) AS first, (SELECT MAX(order_date) FROM orders) AS last`,
  );
  const r = rows[0]!;
  const day = (v: unknown) => String(v).slice(0, 10);
  const n = (v: unknown) => Number(v).toLocaleString('en-US');
  const label = db.label;
  await db.close();
  return `${n(r.orders)} orders, ${n(r.lines)} order lines, ${day(r.first)}..${day(r.last)} (${label})`;
}
