// GET /api/history: the history page's list. The user's own conversations (bounded by the per-user cap), newest
// first, filtered by kept, date range, metric and text; a page ends after `limit` matches and `next` says where
// the following page starts. Turns are read one conversation at a time and only until the page is full, so a
// page costs one listing plus at most one turn read per conversation it passes.
import { Hono } from 'hono';
import {
  type HistoryItem,
  HistoryQuerySchema,
  type HistoryResponse,
  inRange,
  matchConversation,
} from '../../../protocol/history.ts';
import type { ConversationStore } from '../../store/types.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { parseOr400 } from '../validate.ts';

export function historyRoutes(deps: { store: ConversationStore }) {
  const { store } = deps;
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
    return c.json<HistoryResponse>({ items, next: at < candidates.length ? String(at) : null });
  });

  return app;
}
