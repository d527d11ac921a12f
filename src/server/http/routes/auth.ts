// POST /api/auth/login, POST /api/auth/logout, GET /api/me.
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { TidelensError } from '../../../errors.ts';
import { LoginRequestSchema, type MeResponse, type OkResponse } from '../../../protocol/index.ts';
import { DUMMY_HASH, verifyPassword } from '../../auth/password.ts';
import { RateLimiter } from '../../auth/rate-limit.ts';
import type { SessionRepo } from '../../auth/sessions.ts';
import type { UserRepo } from '../../auth/users.ts';
import type { HttpConfig } from '../../http-config.ts';
import { clientAddress, isHttps } from '../client.ts';
import type { AppEnv } from '../env.ts';
import { requireRole, SESSION_COOKIE } from '../middleware.ts';
import { jsonBody } from '../validate.ts';

export function authRoutes(deps: { users: UserRepo; sessions: SessionRepo; config: HttpConfig }) {
  const { users, sessions, config } = deps;
  const perAccount = new RateLimiter({ max: config.login.maxPerAccount, windowMs: config.login.windowMs });
  const perAddress = new RateLimiter({ max: config.login.maxPerAddress, windowMs: config.login.windowMs });
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const body = await jsonBody(c, LoginRequestSchema);
    const accountKey = body.username.toLowerCase();
    const addressKey = clientAddress(c, config.trustProxy);
    const wait = Math.max(perAccount.retryAfter(accountKey), perAddress.retryAfter(addressKey));
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new TidelensError('rate_limited', `too many log-in attempts; try again in ${Math.ceil(wait / 60_000)} minute(s)`);
    }
    perAddress.hit(addressKey);
    const found = await users.withHash(body.username);
    // Always pay for one hash so a missing account answers as slowly as a wrong password.
    const ok = await verifyPassword(body.password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok || found.disabled) {
      perAccount.hit(accountKey);
      c.get('logFields').outcome = 'login_failed';
      throw new TidelensError('unauthorized', 'wrong username or password');
    }
    perAccount.reset(accountKey);
    await sessions.sweep();
    const { token, expiresAt } = await sessions.create(found.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: config.cookieSecure === 'auto' ? isHttps(c, config.trustProxy) : config.cookieSecure,
      path: '/',
      expires: expiresAt,
    });
    c.get('logFields').outcome = 'login_ok';
    return c.json<MeResponse>({ user: { id: found.id, username: found.username, role: found.role } });
  });

  app.post('/auth/logout', async (c) => {
    const user = c.get('user');
    if (user) await sessions.revoke(user.sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json<OkResponse>({ ok: true });
  });

  app.get('/me', requireRole('viewer'), (c) => {
    const u = c.get('user')!;
    return c.json<MeResponse>({ user: { id: u.id, username: u.username, role: u.role } });
  });

  return app;
}
