// /api/admin/users: list, create (a generated password is shown once), change role, disable, reset password.
import { Hono } from 'hono';
import { z } from 'zod';
import { TidelensError } from '../../../errors.ts';
import { generatePassword } from '../../auth/password.ts';
import type { SessionRepo } from '../../auth/sessions.ts';
import { PasswordSchema, RoleSchema, UsernameSchema, type UserRepo } from '../../auth/users.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { jsonBody, parseOr400 } from '../validate.ts';

const Create = z.object({ username: UsernameSchema, role: RoleSchema, password: PasswordSchema.optional() }).strict();
const Patch = z
  .object({ role: RoleSchema.optional(), disabled: z.boolean().optional(), resetPassword: z.literal(true).optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'send role, disabled or resetPassword');
const UserId = z.coerce.number().int('a user id is a whole number').positive('a user id is positive').max(2 ** 31 - 1);

export function adminUserRoutes(deps: { users: UserRepo; sessions: SessionRepo }) {
  const { users, sessions } = deps;
  const app = new Hono<AppEnv>();
  app.use('/admin/*', requireRole('admin'));

  app.get('/admin/users', async (c) => c.json({ users: await users.list() }));

  app.post('/admin/users', async (c) => {
    const body = await jsonBody(c, Create);
    const { user, password } = await users.create(body.username, body.role, body.password);
    return c.json({ user, ...(body.password ? {} : { password }) }, 201);
  });

  app.patch('/admin/users/:id', async (c) => {
    const id = parseOr400(UserId, c.req.param('id'), 'id');
    const patch = await jsonBody(c, Patch);
    const me = c.get('user')!;
    const target = await users.byId(id);
    if (!target) throw new TidelensError('not_found', `no user with id ${id}`);
    const losesAdmin = target.role === 'admin' && !target.disabled && ((patch.role && patch.role !== 'admin') || patch.disabled);
    if (losesAdmin && (await users.activeAdmins()) <= 1) {
      throw new TidelensError('bad_input', 'this is the last active admin; make another admin first');
    }
    if (id === me.id && patch.disabled) throw new TidelensError('bad_input', 'you cannot disable your own account');
    const password = patch.resetPassword ? generatePassword() : undefined;
    const user = await users.update(id, { role: patch.role, disabled: patch.disabled, password });
    // A changed role, a disabled account or a new password ends the user's open sessions.
    await sessions.revokeUser(id);
    return c.json({ user, ...(password ? { password } : {}) });
  });

  return app;
}
