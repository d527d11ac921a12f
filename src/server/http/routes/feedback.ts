// Thumbs up or down on an answer, by the conversation's owner, stored with the turn; admins list them all.
import { Hono } from 'hono';
import {
  FeedbackBodySchema,
  FeedbackListQuerySchema,
  type FeedbackListResponse,
  type FeedbackResponse,
} from '../../../protocol/feedback.ts';
import type { UserRepo } from '../../auth/users.ts';
import { feedbackItem } from '../../store/share.ts';
import type { ConversationStore } from '../../store/types.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { jsonBody, parseOr400 } from '../validate.ts';
import { ConversationId, loadOwned } from './conversations.ts';
import { z } from 'zod';

const TurnId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a turn id');

export interface FeedbackDeps {
  store: ConversationStore;
  users: Pick<UserRepo, 'list'>;
  now?: () => Date;
}

export function feedbackRoutes(deps: FeedbackDeps) {
  const { store, users, now = () => new Date() } = deps;
  const app = new Hono<AppEnv>();

  app.post('/conversations/:id/turns/:turnId/feedback', requireRole('viewer'), async (c) => {
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    const turnId = parseOr400(TurnId, c.req.param('turnId'), 'turnId');
    const body = await jsonBody(c, FeedbackBodySchema);
    const user = c.get('user')!;
    // Only the owner rates: an admin reading someone's conversation must not put words in their mouth.
    await loadOwned(store, id, user);
    const feedback = {
      rating: body.rating,
      ...(body.comment ? { comment: body.comment } : {}),
      userId: String(user.id),
      at: now().toISOString(),
    };
    await store.setFeedback(id, turnId, feedback);
    return c.json<FeedbackResponse>({ feedback });
  });

  app.get('/admin/feedback', requireRole('admin'), async (c) => {
    const q = parseOr400(FeedbackListQuerySchema, c.req.query(), 'query');
    const rated = await store.listFeedback(q.limit);
    const names = new Map((await users.list()).map((u) => [String(u.id), u.username]));
    return c.json<FeedbackListResponse>({ feedback: rated.map((r) => feedbackItem(r, names)) });
  });

  return app;
}
