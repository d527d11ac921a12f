// GET /api/metrics: admins get the Prometheus text with the turn, tool, SQL, token, cost, error and rate-limit
// series after a chat turn; everyone else is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/server/metrics.ts';
import { harness, login, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness({ TIDELENS_LOGIN_MAX_PER_ACCOUNT: '1' });
});
afterAll(async () => h?.close());

const metrics = (cookie?: string) => h.app.request('/api/metrics', { headers: cookie ? { cookie } : {} });

/** The value of one sample line, e.g. `tidelens_model_tokens_total{kind="input"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}

describe('/api/metrics', () => {
  it('refuses anonymous callers, viewers and analysts', async () => {
    expect((await metrics()).status).toBe(401);
    expect((await metrics(h.cookies.viewer)).status).toBe(403);
    expect((await metrics(h.cookies.analyst)).status).toBe(403);
  });

  it('counts a chat turn, its tool and SQL latency, tokens, cost, errors and rate-limit refusals', async () => {
    const turn = await h.app.request('/api/chat', {
      method: 'POST',
      headers: { cookie: h.cookies.viewer, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'why did July drop?' }),
    });
    expect(turn.status).toBe(200);
    await turn.text();
    // Two wrong passwords with a limit of one: the second is a 429 on the login route.
    await expect(login(h.app, 'analyst', 'wrong-password-1')).rejects.toThrow(/401/);
    await expect(login(h.app, 'analyst', 'wrong-password-1')).rejects.toThrow(/429/);

    const res = await metrics(h.cookies.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const name of Object.values(METRIC_NAMES)) expect(text).toContain(`# TYPE ${name} `);
    expect(sample(text, 'tidelens_turns_total{stop_reason="end_turn"}')).toBe(1);
    expect(sample(text, 'tidelens_tool_duration_seconds_count{tool="compare_periods",outcome="ok"}')).toBe(1);
    expect(sample(text, 'tidelens_sql_duration_seconds_count{tool="compare_periods"}')).toBe(1);
    expect(sample(text, 'tidelens_model_tokens_total{kind="input"}')).toBe(100);
    expect(sample(text, 'tidelens_model_tokens_total{kind="output"}')).toBe(20);
    expect(sample(text, 'tidelens_model_cost_usd_total')).toBe(0);
    expect(sample(text, 'tidelens_errors_total{code="unauthorized",source="http"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tidelens_errors_total{code="rate_limited",source="http"}')).toBe(1);
    expect(sample(text, 'tidelens_rate_limited_total{scope="login"}')).toBe(1);
    // Route patterns, never raw paths, become label values; process metrics follow the app's.
    expect(text).toMatch(
      /tidelens_http_request_duration_seconds_count\{method="POST",route="\/api\/chat",status="200"\} 1/,
    );
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
