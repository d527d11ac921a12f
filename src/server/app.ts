// Builds the Hono app from its parts and never listens: main.ts serves it, tests call app.request().
// Everything that matters lives in the injected pieces (sessions in the db, conversations in the store),
// so any number of instances can run behind one load balancer.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Db } from '../db/types.ts';
import { TidelensError } from '../errors.ts';
import { SessionRepo } from './auth/sessions.ts';
import { UserRepo } from './auth/users.ts';
import type { HttpConfig } from './http-config.ts';
import type { Assistant } from '../agent/assistant-types.ts';
import type { Rerunner } from '../agent/rerun.ts';
import type { AppEnv } from './http/env.ts';
import { toErrorBody } from './http/errors.ts';
import { stdoutLog, type LogFn } from './http/log.ts';
import { requestLog, securityHeaders, sessionLookup } from './http/middleware.ts';
import { adminUserRoutes } from './http/routes/admin-users.ts';
import { authRoutes } from './http/routes/auth.ts';
import { chatRoutes, type ChatLimiter, type ChatLimits } from './http/routes/chat.ts';
import { conversationRoutes } from './http/routes/conversations.ts';
import { exportRoutes, type ExportDeps } from './http/routes/export.ts';
import { feedbackRoutes } from './http/routes/feedback.ts';
import { historyRoutes } from './http/routes/history.ts';
import { metaRoutes } from './http/routes/meta.ts';
import { metricsRoutes } from './http/routes/metrics.ts';
import { overviewRoutes, type OverviewSource } from './http/routes/overview.ts';
import { rerunRoutes } from './http/routes/rerun.ts';
import { shareRoutes } from './http/routes/share.ts';
import { mountUi } from './http/static.ts';
import type { ConversationStore } from './store/types.ts';
import type { Counters } from './counters/types.ts';
import { Metrics } from './metrics.ts';
import { httpMetrics, instrumentAssistant } from './metrics-hooks.ts';

export interface AppDeps {
  assistant: Assistant;
  store: ConversationStore;
  /** The app's own connection for platform_users and user_sessions (writable; not the assistant's). */
  db: Db;
  /** The warehouse the assistant reads, when it is not `db`: health checks both. */
  warehouse?: Db;
  config: HttpConfig;
  /** KPI cards for the empty chat; absent when no tools are wired. */
  overview?: OverviewSource;
  log?: LogFn;
  now?: () => Date;
  /** Prometheus counters served at /api/metrics; a fresh registry per app by default. */
  metrics?: Metrics;
  /** The fleet's shared counters (log-in throttles, stop requests); this process's memory by default. */
  counters?: Counters;
  /** Questions per user per minute, checked by the chat route before anything is stored. */
  rateLimiter?: ChatLimiter;
  /** Conversation and turn caps; defaults in routes/chat.ts. */
  chatLimits?: Partial<ChatLimits>;
  /** Export caps, the chart renderer and the "data through" date; defaults in routes/export.ts. */
  exports?: Omit<ExportDeps, 'store' | 'counters'>;
  /** Re-runs a tool with a chip's new input (no model round); absent: answers have no chips to change. */
  rerunner?: Rerunner;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const log = deps.log ?? stdoutLog;
  const users = new UserRepo(deps.db);
  const sessions = new SessionRepo(
    deps.db,
    { ttlMs: deps.config.sessionTtlMs, idleMs: deps.config.sessionIdleMs },
    deps.now,
  );
  const metrics = deps.metrics ?? new Metrics();
  const assistant = instrumentAssistant(deps.assistant, metrics);
  const app = new Hono<AppEnv>();

  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', requestLog(log));
  app.use('*', httpMetrics(metrics));
  app.use('*', securityHeaders());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new TidelensError('bad_input', 'the request body is larger than 64 KiB');
      },
    }),
  );
  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
    // streamSSE writes its own `no-cache`, which still lets a proxy or the browser keep a copy of the answer.
    c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use('/api/*', sessionLookup(sessions, deps.config));

  const api = new Hono<AppEnv>();
  api.route('/', authRoutes({ users, sessions, config: deps.config, counters: deps.counters }));
  const { rateLimiter, chatLimits: limits } = deps;
  api.route(
    '/',
    chatRoutes({
      assistant,
      store: deps.store,
      config: deps.config,
      log,
      rateLimiter,
      limits,
      counters: deps.counters,
    }),
  );
  api.route('/', exportRoutes({ store: deps.store, users, counters: deps.counters, now: deps.now, ...deps.exports }));
  if (deps.rerunner) {
    const maxTurnsPerConversation = limits?.maxTurnsPerConversation;
    api.route(
      '/',
      rerunRoutes({ rerunner: deps.rerunner, store: deps.store, log, rateLimiter, maxTurnsPerConversation }),
    );
  }
  api.route('/', conversationRoutes({ store: deps.store }));
  api.route('/', historyRoutes({ store: deps.store }));
  api.route('/', shareRoutes({ store: deps.store, users }));
  api.route('/', feedbackRoutes({ store: deps.store, users, now: deps.now }));
  api.route('/', adminUserRoutes({ users, sessions }));
  api.route('/', metaRoutes({ db: deps.db, warehouse: deps.warehouse }));
  api.route('/', overviewRoutes({ overview: deps.overview }));
  api.route('/', metricsRoutes({ metrics }));
  api.all('*', () => {
    throw new TidelensError('not_found', 'no such API route; see docs/server.md for the list');
  });
  app.route('/api', api);

  mountUi(app, deps.config.uiDir);

  app.onError((e, c) => {
    const { status, body } = toErrorBody(e, c.get('requestId'));
    if (status >= 500) {
      // The details stay here; the client gets the code and the request id.
      log({
        level: 'error',
        msg: 'unhandled',
        requestId: c.get('requestId'),
        code: body.code,
        error: (e as Error).message,
        stack: (e as Error).stack?.split('\n').slice(0, 4).join(' | '),
      });
    }
    c.get('logFields').error = body.code;
    return c.json(body, status);
  });

  return app;
}
