// Where the server layer feeds Metrics: an Assistant wrapper that watches each turn's events on their
// way to the chat route, and a middleware that records every HTTP answer and its error code.
import type { MiddlewareHandler } from 'hono';
import type { Assistant, AssistantEvent, ChatTurnInput } from '../agent/assistant-types.ts';
import type { AppEnv } from './http/env.ts';
import { toErrorBody } from './http/errors.ts';
import type { Metrics, RateLimitScope } from './metrics.ts';

/** The same assistant, with tool_finished, done and error events (and thrown errors) counted. */
export function instrumentAssistant(assistant: Assistant, metrics: Metrics): Assistant {
  return {
    async *runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent> {
      const start = performance.now();
      let finished = false;
      try {
        for await (const ev of assistant.runTurn(input)) {
          if (ev.type === 'tool_finished') metrics.toolFinished(ev.step);
          else if (ev.type === 'done') {
            metrics.turnFinished(ev.turn, performance.now() - start);
            finished = true;
          } else if (ev.type === 'error' && !finished) {
            metrics.turnFailed(ev.code, performance.now() - start);
            finished = true;
          }
          yield ev;
        }
      } catch (e) {
        if (!finished) metrics.turnFailed(toErrorBody(e).body.code, performance.now() - start);
        finished = true;
        throw e;
      }
    },
  };
}

function scopeOf(route: string): RateLimitScope {
  if (route.endsWith('/auth/login')) return 'login';
  // The chat route refuses a question over the per-user limit before the turn starts; a chip's re-run counts too.
  return route.endsWith('/chat') || route.endsWith('/rerun') ? 'questions' : 'other';
}

/** After the handler (and app.onError) ran: latency per route pattern, errors by code, 429s by scope. */
export function httpMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async function httpMetricsMiddleware(c, next) {
    const start = performance.now();
    await next();
    // The matched pattern, never the raw path, keeps label values to the route table.
    const route = c.req.routePath;
    const status = c.res.status;
    metrics.request({ method: c.req.method, route, status }, performance.now() - start);
    const code = c.get('logFields')?.error;
    if (typeof code === 'string') metrics.error(code, 'http');
    if (status === 429) metrics.rateLimit(scopeOf(route));
  };
}
