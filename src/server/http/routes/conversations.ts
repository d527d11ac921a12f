// GET/PATCH/DELETE /api/conversations[/:id]: a user sees their own; admins may list everyone's.
import { Hono } from 'hono';
import { TidelensError } from '../../../errors.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import {
  ConversationIdSchema,
  ConversationListQuerySchema,
  ConversationPatchSchema,
  type ConversationDetail,
  type ConversationListResponse,
  type ConversationMeta,
  type ConversationResponse,
  type OkResponse,
} from '../../../protocol/index.ts';
import type { ConversationStore } from '../../store/types.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { redactSummary } from '../redact.ts';
import { jsonBody, parseOr400 } from '../validate.ts';

/** Other routes under /conversations/:id take the id through the same check. */
export const ConversationId = ConversationIdSchema;

/** Someone else's conversation answers like a missing one, so ids cannot be probed. */
export async function loadOwned(
  store: ConversationStore,
  id: string,
  user: SessionUser,
  allowAdmin = false,
): Promise<ConversationMeta> {
  const meta = await store.get(id);
  if (!meta || (meta.ownerId !== String(user.id) && !(allowAdmin && user.role === 'admin'))) {
    throw new TidelensError('not_found', 'no such conversation; it may have expired or been deleted');
  }
  return meta;
}

/**
 * For reading one conversation (the page a link opens), the reason it cannot be read: expired (410) for its
 * owner, someone else's (403), or unknown (404). Ids are random UUIDs, so saying which cannot be used to probe.
 */
export async function loadReadable(store: ConversationStore, id: string, user: SessionUser): Promise<ConversationMeta> {
  const found = await store.lookup(id);
  const mine = (owner: string) => owner === String(user.id) || user.role === 'admin';
  if (found.state === 'live' && mine(found.meta.ownerId)) return found.meta;
  if (found.state === 'live') throw new TidelensError('forbidden', 'this conversation belongs to someone else');
  if (found.state === 'expired' && mine(found.ownerId)) {
    throw new TidelensError('expired', 'this conversation expired: unsaved conversations are kept for a few days');
  }
  if (found.state === 'expired') throw new TidelensError('forbidden', 'this conversation belonged to someone else');
  throw new TidelensError('not_found', 'no such conversation; it may have been deleted');
}

export function conversationRoutes(deps: { store: ConversationStore }) {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  app.use('/conversations', requireRole('viewer'));
  app.use('/conversations/*', requireRole('viewer'));

  app.get('/conversations', async (c) => {
    const user = c.get('user')!;
    const q = parseOr400(ConversationListQuerySchema, c.req.query(), 'query');
    if (q.scope === 'all' && user.role !== 'admin')
      throw new TidelensError('forbidden', "only admins can list everyone's conversations");
    const page = await store.listPage(q.scope === 'all' ? null : String(user.id), { limit: q.limit, cursor: q.cursor });
    return c.json<ConversationListResponse>(page);
  });

  app.get('/conversations/:id', async (c) => {
    const user = c.get('user')!;
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    const meta = await loadReadable(store, id, user);
    // Bounded by the per-conversation turn cap (chat.ts).
    const turns = await store.turns(id);
    return c.json<ConversationDetail>({
      conversation: meta,
      turns: turns.map((t) => ({
        turnId: t.turnId,
        createdAt: t.createdAt,
        question: t.question,
        summary: redactSummary(t.summary, user.role),
        ...(t.status && t.status !== 'done' ? { status: t.status } : {}),
        ...(t.feedback ? { feedback: t.feedback } : {}),
        ...(t.edited ? { edited: t.edited } : {}),
        ...(t.starredAt ? { starredAt: t.starredAt } : {}),
      })),
    });
  });

  app.patch('/conversations/:id', async (c) => {
    const user = c.get('user')!;
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    const patch = await jsonBody(c, ConversationPatchSchema);
    await loadOwned(store, id, user);
    return c.json<ConversationResponse>({ conversation: await store.update(id, patch) });
  });

  app.delete('/conversations/:id', async (c) => {
    const user = c.get('user')!;
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    await loadOwned(store, id, user, true);
    await store.delete(id);
    return c.json<OkResponse>({ ok: true });
  });

  return app;
}
