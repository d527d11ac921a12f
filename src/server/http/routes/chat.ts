// POST /api/chat: one turn answered as server-sent events. The route owns the conversation bookkeeping
// (limits, create or continue, ownership, storing the turn); the assistant only produces events.
// Everything that can refuse a question (rate limit, size, caps) runs before anything is stored, and
// the turn is stored as "running" before it starts, so a server killed mid-turn loses neither the question
// nor the partial answer. Closing the connection is the stop button: it aborts the turn and its queries.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { TidelensError } from '../../../errors.ts';
import { chatRequestSchema, type ErrorBody, type TurnEvent, type TurnSummary } from '../../../protocol/index.ts';
import type { ConversationMeta, ConversationStore } from '../../store/types.ts';
import { TurnRecorder } from '../../store/recorder.ts';
import type { HttpConfig } from '../../http-config.ts';
import type { Assistant, EarlierTurn } from '../../../agent/assistant-types.ts';
import { DEFAULT_HISTORY_TURNS } from '../../../agent/assistant.ts';
import { limitMessage } from '../../../agent/limits.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppEnv } from '../env.ts';
import { toErrorBody } from '../errors.ts';
import type { LogFn } from '../log.ts';
import { requireRole } from '../middleware.ts';
import { redactEvent } from '../redact.ts';
import { jsonBody } from '../validate.ts';
import type { Counters } from '../../counters/types.ts';
import { requestStop, watchStop } from '../../stop-signal.ts';
import { loadOwned } from './conversations.ts';

const HEARTBEAT_MS = 15_000;

export interface ChatLimits {
  /** Conversations one user keeps; past it the least recently used unsaved one goes. */
  maxConversationsPerUser: number;
  /** Turns one conversation holds; a follow-up past it is refused with conversation_full. */
  maxTurnsPerConversation: number;
  /** Earlier turns read for the model: the read is bounded, never the whole conversation. */
  historyTurns: number;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = {
  maxConversationsPerUser: 200,
  maxTurnsPerConversation: 100,
  historyTurns: DEFAULT_HISTORY_TURNS,
};

/** What the route needs of a question limiter: this process's window, or one shared by the fleet. */
export interface ChatLimiter {
  readonly perMinute: number;
  take(userId: string): boolean | Promise<boolean>;
  /** Milliseconds until the user may ask again. */
  retryAfterMs(userId: string): number;
}

export interface ChatDeps {
  assistant: Assistant;
  store: ConversationStore;
  config: HttpConfig;
  log: LogFn;
  /** Questions per user per minute, counted before anything is stored. */
  rateLimiter?: ChatLimiter;
  /** The fleet's shared counters: a stop request on any instance reaches the turn through them. */
  counters?: Counters;
  limits?: Partial<ChatLimits>;
}

type Chat = ReturnType<ReturnType<typeof chatRequestSchema>['parse']>;

/** One turn's fixed facts, shared by the stream and its log line. */
interface TurnRun {
  body: Chat;
  user: SessionUser;
  conversation: ConversationMeta;
  turnId: string;
  requestId: string;
  recorder: TurnRecorder;
  ac: AbortController;
}

export function chatRoutes(deps: ChatDeps) {
  const { store, config, rateLimiter } = deps;
  const limits = { ...DEFAULT_CHAT_LIMITS, ...deps.limits };
  const Chat = chatRequestSchema(config.maxMessageChars);
  const app = new Hono<AppEnv>();

  app.post('/chat', requireRole('viewer'), async (c) => {
    const body = await jsonBody(c, Chat);
    const user = c.get('user')!;
    if (rateLimiter && !(await rateLimiter.take(String(user.id)))) return tooMany(c, rateLimiter, body.language);
    const conversation = await openConversation(store, body, user, limits);
    const turnId = randomUUID();
    const requestId = c.get('requestId');
    const recorder = new TurnRecorder(
      store,
      { turnId, conversationId: conversation.id, question: body.message, language: body.language },
      (e) => deps.log({ level: 'error', msg: 'turn_store_failed', requestId, turnId, error: (e as Error).message }),
    );
    await recorder.start();
    const ac = new AbortController();
    c.req.raw.signal?.addEventListener('abort', () => ac.abort(), { once: true });
    c.get('logFields').turnId = turnId;
    const run: TurnRun = { body, user, conversation, turnId, requestId, recorder, ac };
    return streamSSE(c, (stream) => streamTurn(deps, limits, run, stream));
  });

  // Stops a turn of this user's wherever it runs (stop-signal.ts); 202 whether or not the turn is still running.
  app.post('/chat/:turnId/stop', requireRole('viewer'), async (c) => {
    const turnId = c.req.param('turnId');
    if (!deps.counters || !/^[0-9a-f-]{36}$/.test(turnId))
      return c.json({ code: 'not_found', message: 'no such turn' }, 404);
    await requestStop(deps.counters, String(c.get('user')!.id), turnId);
    return c.body(null, 202);
  });

  return app;
}

/** 429 before anything is stored; Retry-After says when the next question will be taken. */
function tooMany(c: Context<AppEnv>, limiter: ChatLimiter, language: Chat['language']) {
  c.get('logFields').error = 'rate_limited';
  const retry = Math.max(1, Math.ceil(limiter.retryAfterMs(String(c.get('user')!.id)) / 1000));
  const body: ErrorBody = {
    code: 'rate_limited',
    message: limitMessage('rate_limit', language, limiter.perMinute),
    requestId: c.get('requestId'),
  };
  return c.json(body, 429, { 'Retry-After': String(retry) });
}

/** Continues an owned conversation under its turn cap, or starts one under the user's conversation cap. */
async function openConversation(
  store: ConversationStore,
  body: Chat,
  user: SessionUser,
  limits: ChatLimits,
): Promise<ConversationMeta> {
  if (body.conversationId) {
    const meta = await loadOwned(store, body.conversationId, user);
    if ((await store.turnCount(meta.id)) >= limits.maxTurnsPerConversation) {
      throw new TidelensError(
        'conversation_full',
        `this conversation has reached ${limits.maxTurnsPerConversation} questions; start a new conversation`,
      );
    }
    return meta;
  }
  const owner = String(user.id);
  if ((await store.trimOwner(owner, limits.maxConversationsPerUser - 1)) >= limits.maxConversationsPerUser) {
    throw new TidelensError(
      'too_many_conversations',
      `you keep ${limits.maxConversationsPerUser} saved conversations, the most allowed; delete or unstar one first`,
    );
  }
  return store.create(owner, titleFrom(body.message));
}

async function streamTurn(deps: ChatDeps, limits: ChatLimits, run: TurnRun, stream: SSEStreamingApi) {
  const { assistant, store, log } = deps;
  const { body, user, conversation, turnId, requestId, recorder, ac } = run;
  stream.onAbort(() => ac.abort());
  const unwatch = deps.counters ? watchStop(deps.counters, String(user.id), turnId, ac) : () => {};
  const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => {}), HEARTBEAT_MS);
  const start = performance.now();
  let summary: TurnSummary | null = null;
  let messages: unknown[] = [];
  let failed: string | undefined;
  let seq = 0;
  const send = async (ev: TurnEvent) => {
    if (stream.aborted || stream.closed) return;
    await stream.writeSSE({ event: ev.type, data: JSON.stringify(ev), id: `${turnId}:${seq++}` });
    // Let the socket take the event before the turn's next step runs: SQLite queries and the offline model
    // are synchronous, and an event written just before them would otherwise wait for them to finish.
    await nextMacrotask();
  };
  try {
    await send({ type: 'turn_started', conversationId: conversation.id, turnId });
    const history = body.conversationId ? await earlierTurns(store, conversation.id, turnId, limits.historyTurns) : [];
    const events = assistant.runTurn({
      conversationId: conversation.id,
      turnId,
      question: body.message,
      language: body.language,
      user: { id: String(user.id), role: user.role },
      history,
      signal: ac.signal,
    });
    for await (const ev of events) {
      if (ev.type === 'messages') {
        messages = ev.messages;
        continue;
      }
      if (ev.type === 'turn_started') continue; // sent above with the ids the route chose
      if (ev.type === 'done') summary = ev.turn;
      if (ev.type === 'error') failed = ev.code;
      recorder.observe(ev);
      const out = redactEvent(
        ev,
        user.role,
        (reason) => log({ level: 'warn', msg: 'chart_rejected', requestId, turnId, reason }),
        (e) => log({ level: 'error', msg: 'tool_error', requestId, turnId, ...e }),
      );
      if (out) await send(out);
    }
  } catch (e) {
    const { body: err } = toErrorBody(e, requestId);
    failed = err.code;
    if (!(e instanceof TidelensError)) {
      log({ level: 'error', msg: 'turn_failed', requestId, turnId, error: (e as Error).message });
    }
    await send({ type: 'error', code: err.code, message: err.message }).catch(() => {});
  } finally {
    unwatch();
    clearInterval(heartbeat);
    await recorder.end(summary, messages, failed !== undefined);
    logTurn(log, run, { summary, failed, ms: performance.now() - start });
  }
}

/** The last n finished turns before this one: the running turn itself is already in the store. */
async function earlierTurns(
  store: ConversationStore,
  conversationId: string,
  turnId: string,
  n: number,
): Promise<EarlierTurn[]> {
  const turns = await store.turns(conversationId, { last: n + 1 });
  return turns.filter((t) => t.turnId !== turnId).slice(-n);
}

function logTurn(log: LogFn, run: TurnRun, o: { summary: TurnSummary | null; failed?: string; ms: number }) {
  const { summary } = o;
  log({
    level: o.failed ? 'warn' : 'info',
    msg: 'turn',
    requestId: run.requestId,
    turnId: run.turnId,
    conversationId: run.conversation.id,
    role: run.user.role,
    ms: Math.round(o.ms),
    aborted: run.ac.signal.aborted,
    stopReason: summary?.stopReason,
    error: o.failed,
    tools: summary?.steps.map((s) => s.tool),
    sqlMs: summary ? Math.round(summary.timings.sqlMs) : undefined,
    modelMs: summary ? Math.round(summary.timings.modelMs) : undefined,
    inputTokens: summary?.usage.inputTokens,
    outputTokens: summary?.usage.outputTokens,
    costUsd: summary?.usage.estimatedCostUsd,
  });
}

function titleFrom(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
