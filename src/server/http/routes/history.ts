// GET /api/history: the history page's list. The user's own conversations (bounded by the per-user cap), newest
// first, filtered by kept, date range, metric and text; a page ends after `limit` matches and `next` says where
// the following page starts. Turns are read one conversation at a time and only until the page is full, so a
// page costs one listing plus at most one turn read per conversation it passes. The first page also carries
// the user's saved answers that match the same search.
// POST /api/conversations/:id/turns/:turnId/star: the owner saves (stars) or unsaves one answer.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  fold,
  type HistoryItem,
  HistoryQuerySchema,
  type HistoryResponse,
  inRange,
  matchConversation,
  turnMetrics,
} from '../../../protocol/history.ts';
import { type SavedAnswer, StarBodySchema, type StarResponse } from '../../../protocol/stars.ts';
import type { ConversationMeta, ConversationStore, StoredTurn } from '../../store/types.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { jsonBody, parseOr400 } from '../validate.ts';
import { ConversationId, loadOwned } from './conversations.ts';

const TurnId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a turn id');

/** Saved answers listed at most; older stars are still stored and shown in their conversation. */
const MAX_SAVED_ANSWERS = 50;

type Query = ReturnType<typeof HistoryQuerySchema.parse>;

/** Whether a saved answer matches the search: its day in the range, its metric, every word of the text. */
function answerMatches(t: StoredTurn, q: Query): boolean {
  const day = t.createdAt.slice(0, 10);
  if ((q.from && day < q.from) || (q.to && day > q.to)) return false;
  if (q.metric && !turnMetrics(t).includes(q.metric)) return false;
  const words = fold(q.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const text = fold(`${t.question}\n${t.summary.answer}`);
  return words.every((w) => text.includes(w));
}

function savedAnswer(t: StoredTurn, meta: ConversationMeta): SavedAnswer {
  return {
    conversationId: t.conversationId,
    conversationTitle: meta.title,
    turnId: t.turnId,
    question: t.question,
    answerStart: t.summary.answer.slice(0, 200),
    createdAt: t.createdAt,
    starredAt: t.starredAt!,
    ...(t.edited ? { edited: { changes: t.edited.changes } } : {}),
  };
}

export function historyRoutes(deps: { store: ConversationStore; now?: () => Date }) {
  const { store, now = () => new Date() } = deps;
  const app = new Hono<AppEnv>();

  app.get('/history', requireRole('viewer'), async (c) => {
    const user = c.get('user')!;
    const q = parseOr400(HistoryQuerySchema, c.req.query(), 'query');
    const all = await store.list(String(user.id));
    const candidates = all.filter(
      (m) => (q.saved === undefined || m.saved === (q.saved === 'true')) && inRange(m, q.from, q.to),
    );
    const items: HistoryItem[] = [];
    let at = Number(q.cursor ?? 0);
    for (; at < candidates.length && items.length < q.limit; at++) {
      const meta = candidates[at]!;
      const turns = await store.turns(meta.id);
      const found = matchConversation(meta.title, turns, q.q, q.metric);
      if (!found) continue;
      items.push({
        conversation: meta,
        turns: turns.length,
        metrics: found.metrics,
        question: found.turn?.question ?? null,
        turnId: found.turn?.turnId ?? null,
      });
    }
    const body: HistoryResponse = { items, next: at < candidates.length ? String(at) : null };
    if (!q.cursor && q.saved !== 'false') {
      const metas = new Map(all.map((m) => [m.id, m]));
      const starred = await store.listStarred(String(user.id), MAX_SAVED_ANSWERS);
      body.answers = starred
        .filter((t) => metas.has(t.conversationId) && answerMatches(t, q))
        .map((t) => savedAnswer(t, metas.get(t.conversationId)!));
    }
    return c.json<HistoryResponse>(body);
  });

  app.post('/conversations/:id/turns/:turnId/star', requireRole('viewer'), async (c) => {
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    const turnId = parseOr400(TurnId, c.req.param('turnId'), 'turnId');
    const body = await jsonBody(c, StarBodySchema);
    // Only the owner saves: an admin reading someone's conversation must not change what they keep.
    const meta = await loadOwned(store, id, c.get('user')!);
    const starredAt = body.starred ? now().toISOString() : null;
    await store.setStar(meta.id, turnId, starredAt);
    // A saved answer cannot outlive its conversation: saving one keeps the conversation too.
    const saved = body.starred && !meta.saved ? (await store.update(meta.id, { saved: true })).saved : meta.saved;
    return c.json<StarResponse>({ starredAt, saved });
  });

  return app;
}
