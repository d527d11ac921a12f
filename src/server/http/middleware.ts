// Cross-cutting middleware: request log line, secure headers with the CSP, session lookup.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { TidelensError } from '../../errors.ts';
import { ROLES } from '../../protocol/vocabulary.ts';
import type { Role } from '../../tools/types.ts';
import type { SessionRepo } from '../auth/sessions.ts';
import type { HttpConfig } from '../http-config.ts';
import { isHttps } from './client.ts';
import type { AppEnv } from './env.ts';
import type { LogFn } from './log.ts';

export const SESSION_COOKIE = 'tl_session';
/**
 * The name when the cookie is Secure. Browsers accept a __Host- cookie only when it is Secure, has Path=/
 * and no Domain, so a sibling subdomain or a plain-http page cannot plant or overwrite the session.
 */
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function cookieSecure(c: Context, config: Pick<HttpConfig, 'cookieSecure' | 'trustProxy'>): boolean {
  return config.cookieSecure === 'auto' ? isHttps(c, config.trustProxy) : config.cookieSecure;
}

/** Over HTTPS only the __Host- cookie counts: a plain-named one there could have been planted. */
export function sessionToken(c: Context, config: Pick<HttpConfig, 'cookieSecure' | 'trustProxy'>): string | undefined {
  const host = getCookie(c, HOST_SESSION_COOKIE);
  if (host !== undefined || cookieSecure(c, config)) return host;
  return getCookie(c, SESSION_COOKIE);
}

export function requestLog(log: LogFn): MiddlewareHandler<AppEnv> {
  return async function requestLogMiddleware(c, next) {
    const start = performance.now();
    c.set('logFields', {});
    await next();
    const user = c.get('user');
    log({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      // The matched route pattern, not the raw path: ids and query strings stay out of the log.
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - start),
      role: user?.role,
      ...c.get('logFields'),
    });
  };
}

/** The CSP the UI is built to run under: no inline script, no eval, nothing fetched from another origin. */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Vega sets style attributes on SVG nodes; styles cannot run code, and img-src/connect-src block exfiltration.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: CSP,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

export function sessionLookup(sessions: SessionRepo, config: HttpConfig): MiddlewareHandler<AppEnv> {
  return async function sessionLookupMiddleware(c, next) {
    c.set('user', await sessions.resolve(sessionToken(c, config)));
    await next();
  };
}

/** The vocabulary lists roles from least to most trusted, so a role's place in it is its rank. */
export function atLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

/** Logged in, and at least `min`. */
export function requireRole(min: Role = 'viewer'): MiddlewareHandler<AppEnv> {
  return async function requireRoleMiddleware(c, next) {
    const user = c.get('user');
    if (!user) throw new TidelensError('unauthorized', 'log in first; your session is missing or has expired');
    if (!atLeast(user.role, min))
      throw new TidelensError('forbidden', `this needs the ${min} role; ask an administrator`);
    await next();
  };
}
