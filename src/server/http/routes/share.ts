// Read-only share links. The owner makes one (POST) and revokes it (DELETE) under /conversations/:id/share;
// any signed-in user opens GET /share/:token. The reader sees what the owner saw and nothing more: steps
// are redacted for the lower of the owner's and the reader's roles, and no ids, token or feedback go out.
import { Hono } from 'hono';
import { TidelensError } from '../../../errors.ts';
import type { Role } from '../../../protocol/index.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { type ShareResponse, type SharedConversation, ShareTokenSchema } from '../../../protocol/share.ts';
import type { UserRepo } from '../../auth/users.ts';
import { newShareToken } from '../../store/share.ts';
import type { ConversationMeta, ConversationStore, StoredTurn } from '../../store/types.ts';
import type { AppEnv } from '../env.ts';
import { atLeast, requireRole } from '../middleware.ts';
import { redactSummary } from '../redact.ts';
import { parseOr400 } from '../validate.ts';
import { ConversationId, loadOwned } from './conversations.ts';

export interface ShareDeps {
  store: ConversationStore;
  users: Pick<UserRepo, 'byId'>;
}

const NO_LINK =
  'this share link is not valid: it was revoked, the conversation expired or was deleted, or it never existed';

const lower = (a: Role, b: Role): Role => (atLeast(a, b) ? b : a);

function sharedTurns(turns: StoredTurn[], role: Role): SharedConversation['turns'] {
  return turns.map((t) => ({
    turnId: t.turnId,
    createdAt: t.createdAt,
    question: t.question,
    // The conversation's id would let an admin reader jump past the link; the reader has no use for it.
    summary: { ...redactSummary(t.summary, role), conversationId: '' },
    ...(t.status && t.status !== 'done' ? { status: t.status } : {}),
    // What a chip changed, without the id of the turn it came from.
    ...(t.edited ? { edited: { fromTurnId: '', tool: t.edited.tool, changes: t.edited.changes } } : {}),
  }));
}

export interface OpenedShare {
  meta: ConversationMeta;
  /** The lower of the reader's and the owner's roles: what the reader may see of the turns. */
  role: Role;
  /** The owner's user name; empty when the account is gone. */
  sharedBy: string;
}

/** The conversation a share token names, for this reader; the same 404 for revoked, expired and made-up tokens. */
export async function openShare(
  deps: ShareDeps,
  rawToken: string | undefined,
  reader: SessionUser,
): Promise<OpenedShare> {
  const token = ShareTokenSchema.safeParse(rawToken);
  const meta = token.success ? await deps.store.byShareToken(token.data) : null;
  if (!meta) throw new TidelensError('not_found', NO_LINK);
  const owner = Number.isInteger(Number(meta.ownerId)) ? await deps.users.byId(Number(meta.ownerId)) : null;
  // An owner whose account is gone counts as a viewer: nobody sees more than the least they could have.
  return { meta, role: lower(reader.role, owner?.role ?? 'viewer'), sharedBy: owner?.username ?? '' };
}

export function shareRoutes(deps: ShareDeps) {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  app.use('/share/*', requireRole('viewer'));

  app.post('/conversations/:id/share', async (c) => {
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    const meta = await loadOwned(store, id, c.get('user')!);
    const token = meta.shareToken ?? (await store.setShareToken(id, newShareToken())).shareToken!;
    return c.json<ShareResponse>({ token, path: `/share/${token}` });
  });

  app.delete('/conversations/:id/share', async (c) => {
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    await loadOwned(store, id, c.get('user')!);
    await store.setShareToken(id, null);
    return c.json({ ok: true as const });
  });

  app.get('/share/:token', async (c) => {
    const { meta, role, sharedBy } = await openShare(deps, c.req.param('token'), c.get('user')!);
    const turns = await store.turns(meta.id);
    return c.json<SharedConversation>({
      conversation: {
        title: meta.title,
        createdAt: meta.createdAt,
        updatedAt: meta.updatedAt,
        sharedBy,
      },
      turns: sharedTurns(turns, role),
    });
  });

  return app;
}
