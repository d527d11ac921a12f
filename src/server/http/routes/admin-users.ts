// /api/admin/users: list, create (a generated password is shown once), change role, disable, reset password.
import { Hono } from 'hono';
import { TidelensError } from '../../../errors.ts';
import {
  CreateUserRequestSchema,
  PatchUserRequestSchema,
  UserIdSchema,
  type UserListResponse,
  type UserResponse,
} from '../../../protocol/index.ts';
import { generatePassword } from '../../auth/password.ts';
import type { SessionRepo } from '../../auth/sessions.ts';
import { PasswordSchema, UsernameSchema, type UserRepo } from '../../auth/users.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { jsonBody, parseOr400 } from '../validate.ts';

const CreateUser = CreateUserRequestSchema.extend({ username: UsernameSchema, password: PasswordSchema.optional() });

export function adminUserRoutes(deps: { users: UserRepo; sessions: SessionRepo }) {
  const { users, sessions } = deps;
  const app = new Hono<AppEnv>();
  app.use('/admin/*', requireRole('admin'));

  app.get('/admin/users', async (c) => c.json<UserListResponse>({ users: await users.list() }));

  app.post('/admin/users', async (c) => {
    const body = await jsonBody(c, CreateUser);
    const { user, password } = await users.create(body.username, body.role, body.password);
    return c.json<UserResponse, 201>({ user, ...(body.password ? {} : { password }) }, 201);
  });

  app.patch('/admin/users/:id', async (c) => {
    const id = parseOr400(UserIdSchema, c.req.param('id'), 'id');
    const patch = await jsonBody(c, PatchUserRequestSchema);
    const me = c.get('user')!;
    const target = await users.byId(id);
    if (!target) throw new TidelensError('not_found', `no user with id ${id}`);
    const demoted = (patch.role && patch.role !== 'admin') || patch.disabled;
    const losesAdmin = target.role === 'admin' && !target.disabled && demoted;
    if (losesAdmin && (await users.activeAdmins()) <= 1) {
      throw new TidelensError('bad_input', 'this is the last active admin; make another admin first');
    }
    if (id === me.id && patch.disabled) throw new TidelensError('bad_input', 'you cannot disable your own account');
    const password = patch.resetPassword ? generatePassword() : undefined;
    const user = await users.update(id, { role: patch.role, disabled: patch.disabled, password });
    // A changed role, a disabled account or a new password ends the user's open sessions.
    await sessions.revokeUser(id);
    return c.json<UserResponse>({ user, ...(password ? { password } : {}) });
  });

  return app;
}
