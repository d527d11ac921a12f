// POST /api/auth/login, POST /api/auth/logout, GET /api/me.
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { TidelensError } from '../../../errors.ts';
import { LoginRequestSchema, type MeResponse, type OkResponse } from '../../../protocol/index.ts';
import { DUMMY_HASH, verifyPassword } from '../../auth/password.ts';
import { LoginThrottle } from '../../auth/rate-limit.ts';
import type { SessionRepo } from '../../auth/sessions.ts';
import type { UserRepo } from '../../auth/users.ts';
import { memoryCounters, type Counters } from '../../counters/index.ts';
import type { HttpConfig } from '../../http-config.ts';
import { foldUsername } from '../../auth/username.ts';
import { clientAddress } from '../client.ts';
import type { AppEnv } from '../env.ts';
import { cookieSecure, HOST_SESSION_COOKIE, requireRole, SESSION_COOKIE } from '../middleware.ts';
import { jsonBody } from '../validate.ts';

export function authRoutes(deps: { users: UserRepo; sessions: SessionRepo; config: HttpConfig; counters?: Counters }) {
  const { users, sessions, config } = deps;
  // The fleet's shared counters when wired; this process's memory otherwise (tests, app.request()).
  const throttle = new LoginThrottle(deps.counters ?? memoryCounters(), config.login);
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const body = await jsonBody(c, LoginRequestSchema);
    const addressKey = clientAddress(c, config.trustProxy);
    const found = await users.withHash(body.username);
    // MySQL's collation matches "äna" or "ＡＮＡ" to the row of "ana": attempts count against the folded name
    // and against the row that matched, so no spelling buys another round of guesses on either engine.
    const accountKeys = [`name:${foldUsername(body.username)}`, ...(found ? [`id:${found.id}`] : [])];
    const wait = await throttle.admit(addressKey, accountKeys);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new TidelensError(
        'rate_limited',
        `too many log-in attempts; try again in ${Math.ceil(wait / 60_000)} minute(s)`,
      );
    }
    // Always pay for one hash so a missing account answers as slowly as a wrong password.
    const ok = await verifyPassword(body.password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok || found.disabled) {
      c.get('logFields').outcome = 'login_failed';
      throw new TidelensError('unauthorized', 'wrong username or password');
    }
    await throttle.succeeded(accountKeys);
    await sessions.sweep();
    const { token, expiresAt } = await sessions.create(found.id);
    const secure = cookieSecure(c, config);
    setCookie(c, secure ? HOST_SESSION_COOKIE : SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
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
    if (cookieSecure(c, config)) deleteCookie(c, HOST_SESSION_COOKIE, { path: '/', secure: true });
    return c.json<OkResponse>({ ok: true });
  });

  app.get('/me', requireRole('viewer'), (c) => {
    const u = c.get('user')!;
    return c.json<MeResponse>({ user: { id: u.id, username: u.username, role: u.role } });
  });

  return app;
}
