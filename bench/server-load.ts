// Loopback load check for the web server: requests/s and latency percentiles for the read endpoints,
// then concurrent offline chat turns. Bounded in time and concurrency; talks only to 127.0.0.1.
//   npx tsx bench/server-load.ts [--seconds 5] [--concurrency 16] [--chats 24] [--chat-concurrency 4] [--db
// sqlite:PATH]
//     [--first-event 10] [--only-first-event] [--why 8 --why-seconds 20]
// --first-event N asks N questions one at a time and reports when the first event, the first tool event and
// `done` arrived after the request was sent: the stream must start before the turn's work, not after it.
// --why N runs only the loaded-server check: N clients ask why-questions back to back for --why-seconds while
// one prober each times GET /api/conversations and /api/health; it prints their p50/p95, the first-event
// latency of every turn and the load average. TIDELENS_SQLITE_POOL=0 in the environment measures the old
// in-process SQLite path, TIDELENS_EXPLAIN_THREADS=0 explain_change's stages on the event loop (the server
// inherits both).
// Without --db it seeds a small warehouse (scale 0.2) in a temp folder first. The server runs in its own
// process (`tidelens serve`) so the load generator does not share its event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { logInAnalyst, pct, startBenchServer, warehouseFor } from './support/bench-server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    chats: { type: 'string', default: '24' },
    'chat-concurrency': { type: 'string', default: '4' },
    db: { type: 'string' },
    'first-event': { type: 'string', default: '10' },
    'only-first-event': { type: 'boolean', default: false },
    why: { type: 'string', default: '0' },
    // Writes the server's CPU profile (node --cpu-prof) into this folder: what still runs on its event loop.
    profile: { type: 'string' },
    'why-seconds': { type: 'string', default: '20' },
  },
});
const firstEventTurns = Math.min(Number(values['first-event']), 50);
const seconds = Math.min(Number(values.seconds), 30);
const concurrency = Math.min(Number(values.concurrency), 64);
const chats = Math.min(Number(values.chats), 200);
const chatConcurrency = Math.min(Number(values['chat-concurrency']), 16);
const whyClients = Math.min(Number(values.why), 16);
const whySeconds = Math.min(Number(values['why-seconds']), 120);
const WHY = [
  'Why did sales drop in July 2025?',
  'why did July drop?',
  'Why did revenue fall last month?',
  'why did orders change in June 2025?',
];

const ms = (n: number) => `${n.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'tl-bench-'));
const dbUrl = await warehouseFor(dir, values.db);
const server = await startBenchServer(
  dir,
  dbUrl,
  values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [],
);

try {
  const headers = await logInAnalyst(dbUrl, server.url);

  if (whyClients > 0) await whyLoad(server.url, headers);
  else await firstEvents(server.url, headers);
  if (!values['only-first-event'] && whyClients === 0) {
    console.log(`\nread endpoints: ${concurrency} concurrent clients for ${seconds} s each (keep-alive, loopback)`);
    console.log('endpoint                      req/s      p50        p95        p99     errors');
    for (const path of ['/api/health', '/api/me', '/api/conversations', '/api/schema', '/api/overview', '/']) {
      await fetch(server.url + path, { headers }).then((r) => r.arrayBuffer()); // warm caches
      const lat: number[] = [];
      let errors = 0;
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < end) {
            const t = performance.now();
            const r = await fetch(server.url + path, { headers });
            await r.arrayBuffer();
            if (!r.ok) errors++;
            lat.push(performance.now() - t);
          }
        }),
      );
      console.log(
        `${path.padEnd(26)} ${(lat.length / seconds).toFixed(0).padStart(7)} ${ms(pct(lat, 50)).padStart(10)} ${ms(pct(lat, 95)).padStart(10)} ${ms(pct(lat, 99)).padStart(10)} ${String(errors).padStart(8)}`,
      );
    }

    const questions = [
      'why did July drop?',
      'Top 10 products last quarter',
      '本月各渠道销售额对比',
      'How did conversion change vs last year?',
    ];
    console.log(
      `\noffline chats: ${chats} turns, ${chatConcurrency} at a time (SSE, full turn including tools and SQL)`,
    );
    const total: number[] = [];
    const firstText: number[] = [];
    let failed = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: chatConcurrency }, async () => {
        while (next < chats) {
          const q = questions[next++ % questions.length]!;
          const t = performance.now();
          const r = await fetch(`${server.url}/api/chat`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ message: q }),
          });
          const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
          let buf = '';
          let sawText = false;
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            buf += value;
            if (!sawText && buf.includes('event: text')) {
              sawText = true;
              firstText.push(performance.now() - t);
            }
          }
          if (!r.ok || !buf.includes('event: done') || buf.includes('event: error')) failed++;
          total.push(performance.now() - t);
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    console.log(
      `turns/s ${(chats / wall).toFixed(1)}; turn p50 ${ms(pct(total, 50))}, p95 ${ms(pct(total, 95))}; first text p50 ${ms(pct(firstText, 50))}, p95 ${ms(pct(firstText, 95))}; failed ${failed}`,
    );
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Sequential turns, so each one's timings are its own: first event, first tool event, done. */
async function firstEvents(url: string, headers: Record<string, string>): Promise<void> {
  const questions = [
    'why did July drop?',
    'Top 10 products last quarter',
    '本月各渠道销售额对比',
    'sales by channel in 2025',
  ];
  const first: number[] = [];
  const tool: number[] = [];
  const done: number[] = [];
  for (let i = 0; i < firstEventTurns; i++) {
    const t = performance.now();
    const body = JSON.stringify({ message: questions[i % questions.length] });
    const r = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    const seen: Record<string, number> = {};
    for (let c = await reader.read(); !c.done; c = await reader.read()) {
      buf += c.value;
      for (const m of buf.matchAll(/^event: (\w+)$/gm)) seen[m[1]!] ??= performance.now() - t;
    }
    if (seen.turn_started !== undefined) first.push(seen.turn_started);
    if (seen.tool_started !== undefined) tool.push(seen.tool_started);
    if (seen.done !== undefined) done.push(seen.done);
  }
  console.log(`\ntime to first event over ${firstEventTurns} sequential offline turns (request sent → event read)`);
  console.log(
    `turn_started p50 ${ms(pct(first, 50))}, max ${ms(Math.max(...first))}; first tool_started p50 ${ms(pct(tool, 50))}; done p50 ${ms(pct(done, 50))}`,
  );
}

/** One chat turn: when its first event arrived, when it ended, and whether it ended with `done`. */
async function turn(url: string, headers: Record<string, string>, message: string) {
  const t = performance.now();
  const r = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let first: number | undefined;
  for (let c = await reader.read(); !c.done; c = await reader.read()) {
    first ??= performance.now() - t;
    buf += c.value;
  }
  return {
    first,
    total: performance.now() - t,
    ok: r.ok && buf.includes('event: done') && !buf.includes('event: error'),
  };
}

/** Times one path back to back (with a short pause, so the prober is not the load) until `end`. */
async function probe(url: string, headers: Record<string, string>, end: number): Promise<number[]> {
  const lat: number[] = [];
  while (performance.now() < end) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    lat.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, 20));
  }
  return lat;
}

async function whyLoad(url: string, headers: Record<string, string>): Promise<void> {
  const sqlite = process.env.TIDELENS_SQLITE_POOL === '0' ? 'in-process SQLite' : 'SQLite thread pool';
  const explain =
    process.env.TIDELENS_EXPLAIN_THREADS === '0' ? 'explain_change in-process' : 'explain_change analysis threads';
  const mode = `${sqlite}, ${explain}`;
  console.log(`\n${whyClients} clients asking why-questions back to back for ${whySeconds} s (${mode})`);
  console.log(
    `load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  await turn(url, headers, WHY[0]!); // warm the caches and threads, as a running server would be
  const end = performance.now() + whySeconds * 1000;
  const first: number[] = [];
  const total: number[] = [];
  let failed = 0;
  const clients = Array.from({ length: whyClients }, async (_, i) => {
    for (let n = i; performance.now() < end; n++) {
      const r = await turn(url, headers, WHY[n % WHY.length]!);
      if (r.first !== undefined) first.push(r.first);
      total.push(r.total);
      if (!r.ok) failed++;
    }
  });
  const [convs, health] = await Promise.all([
    probe(`${url}/api/conversations`, headers, end),
    probe(`${url}/api/health`, headers, end),
    ...clients,
  ]);
  const line = (name: string, xs: number[]) =>
    `${name.padEnd(22)} n=${String(xs.length).padStart(4)}  p50 ${ms(pct(xs, 50)).padStart(9)}  p95 ${ms(pct(xs, 95)).padStart(9)}  max ${ms(Math.max(...xs)).padStart(9)}`;
  console.log(line('GET /api/conversations', convs!));
  console.log(line('GET /api/health', health!));
  console.log(line('first event of a turn', first));
  console.log(line('whole turn', total));
  console.log(
    `turns ${total.length}, failed ${failed}; load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}
