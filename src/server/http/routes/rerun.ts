// POST /api/conversations/:id/turns/:turnId/rerun: an answer steered by a chip. The same tool of that turn runs
// again with the changed input (no model round) and the result is stored as a new turn marked `edited`.
// It is a question in all but typing: owner only, role-checked by the tool, counted by the question limiter,
// under the conversation's turn cap. GET /api/rerun/options: the values each chip offers.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { limitMessage } from '../../../agent/limits.ts';
import type { Rerunner } from '../../../agent/rerun.ts';
import { TidelensError } from '../../../errors.ts';
import type { ErrorBody, StepRecord, TurnSummary, TurnView } from '../../../protocol/index.ts';
import { type Edited, inputChanges, RerunRequestSchema } from '../../../protocol/rerun.ts';
import type { ConversationStore, StoredTurn } from '../../store/types.ts';
import type { Context } from 'hono';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppEnv } from '../env.ts';
import type { LogFn } from '../log.ts';
import { requireRole } from '../middleware.ts';
import { redactSummary } from '../redact.ts';
import { jsonBody, parseOr400 } from '../validate.ts';
import { DEFAULT_CHAT_LIMITS, type ChatLimiter } from './chat.ts';
import { ConversationId, loadOwned } from './conversations.ts';

export interface RerunDeps {
  rerunner: Rerunner;
  store: ConversationStore;
  log: LogFn;
  rateLimiter?: ChatLimiter;
  maxTurnsPerConversation?: number;
}

const TurnId = ConversationId;

/** The step the chip belongs to: the first of the turn that ran this tool. */
function sourceStep(turn: StoredTurn, tool: string): StepRecord | undefined {
  return turn.summary.steps.find((s) => s.tool === tool);
}

/** 429 with Retry-After, the same answer a question over the limit gets. */
async function limited(c: Context<AppEnv>, limiter: ChatLimiter | undefined, language: 'en' | 'zh') {
  const userId = String(c.get('user')!.id);
  if (!limiter || (await limiter.take(userId))) return null;
  c.get('logFields').error = 'rate_limited';
  const retry = Math.max(1, Math.ceil(limiter.retryAfterMs(userId) / 1000));
  const err: ErrorBody = {
    code: 'rate_limited',
    message: limitMessage('rate_limit', language, limiter.perMinute),
    requestId: c.get('requestId'),
  };
  return c.json(err, 429, { 'Retry-After': String(retry) });
}

/** The turn the chip belongs to, under the conversation's cap, and what the new input changes in it. */
async function sourceTurn(store: ConversationStore, id: string, fromTurnId: string, maxTurns: number) {
  const turns = await store.turns(id);
  if (turns.length >= maxTurns) {
    throw new TidelensError(
      'conversation_full',
      `this conversation has reached ${maxTurns} questions; start a new one`,
    );
  }
  const from = turns.find((t) => t.turnId === fromTurnId);
  if (!from) throw new TidelensError('not_found', 'no such answer in this conversation; reload the page');
  return from;
}

function changesFrom(from: StoredTurn, tool: string, input: Record<string, unknown>): Edited['changes'] {
  const step = sourceStep(from, tool);
  if (!step) throw new TidelensError('bad_input', `that answer did not use ${tool}; change one of its own chips`);
  const before = (step.input && typeof step.input === 'object' ? step.input : {}) as Record<string, unknown>;
  const changes = inputChanges(before, input);
  if (!changes.length) throw new TidelensError('bad_input', 'the input is unchanged; pick a different value');
  return changes;
}

interface Run {
  conversationId: string;
  from: StoredTurn;
  tool: string;
  input: Record<string, unknown>;
  user: SessionUser;
  signal: AbortSignal;
}

/** Runs the re-run to its end and stores it as a new turn marked edited. */
async function runAndStore(rerunner: Rerunner, store: ConversationStore, r: Run, edited: Edited) {
  const turnId = randomUUID();
  let summary: TurnSummary | null = null;
  let messages: unknown[] = [];
  let failed: string | null = null;
  const events = rerunner.rerun({
    conversationId: r.conversationId,
    turnId,
    question: r.from.question,
    language: r.from.summary.language,
    tool: r.tool,
    input: r.input,
    user: { id: String(r.user.id), role: r.user.role },
    signal: r.signal,
  });
  for await (const ev of events) {
    if (ev.type === 'done') summary = ev.turn;
    else if (ev.type === 'messages') messages = ev.messages;
    else if (ev.type === 'error') failed = ev.message;
  }
  if (!summary) throw new TidelensError('internal', failed ?? 'the re-run ended without an answer');
  const stored: StoredTurn = {
    turnId,
    conversationId: r.conversationId,
    createdAt: new Date().toISOString(),
    question: r.from.question,
    summary,
    messages,
    status: summary.stopReason === 'cancelled' ? 'cancelled' : 'done',
    edited,
  };
  await store.appendTurn(stored);
  return stored;
}

export function rerunRoutes(deps: RerunDeps) {
  const { rerunner, store } = deps;
  const maxTurns = deps.maxTurnsPerConversation ?? DEFAULT_CHAT_LIMITS.maxTurnsPerConversation;
  const app = new Hono<AppEnv>();

  app.get('/rerun/options', requireRole('viewer'), async (c) => c.json(await rerunner.options()));

  app.post('/conversations/:id/turns/:turnId/rerun', requireRole('viewer'), async (c) => {
    const user = c.get('user')!;
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    const fromTurnId = parseOr400(TurnId, c.req.param('turnId'), 'turnId');
    const body = await jsonBody(c, RerunRequestSchema);
    // Refusals that need no storage come first: the input and the role, then the limiter, then ownership.
    const input = rerunner.check(body.tool, body.input, { id: String(user.id), role: user.role });
    const refused = await limited(c, deps.rateLimiter, body.language ?? 'en');
    if (refused) return refused;
    const meta = await loadOwned(store, id, user);
    const from = await sourceTurn(store, meta.id, fromTurnId, maxTurns);
    const edited: Edited = { fromTurnId, tool: body.tool, changes: changesFrom(from, body.tool, input) };
    const ac = new AbortController();
    c.req.raw.signal?.addEventListener('abort', () => ac.abort(), { once: true });
    const run = { conversationId: meta.id, from, tool: body.tool, input, user, signal: ac.signal };
    const stored = await runAndStore(rerunner, store, run, edited);
    Object.assign(c.get('logFields'), {
      turnId: stored.turnId,
      tool: body.tool,
      changed: edited.changes.map((ch) => ch.key),
      ms: Math.round(stored.summary.timings.totalMs),
    });
    const onReject = (reason: string) =>
      deps.log({ level: 'warn', msg: 'chart_rejected', turnId: stored.turnId, reason });
    return c.json<{ turn: TurnView }>({
      turn: {
        turnId: stored.turnId,
        createdAt: stored.createdAt,
        question: stored.question,
        summary: redactSummary(stored.summary, user.role, onReject),
        ...(stored.status !== 'done' ? { status: stored.status } : {}),
        edited,
      },
    });
  });

  return app;
}
