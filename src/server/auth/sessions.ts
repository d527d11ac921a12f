// Sessions live in user_sessions so any instance behind the load balancer can check any cookie.
// The cookie carries `<id>.<secret>`; the table keeps only sha256(secret), so a leaked table opens no session.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/types.ts';
import type { PlatformUser } from './users.ts';
import { RoleSchema, sqlNow } from './users.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SessionUser extends PlatformUser {
  sessionId: string;
}

/** How long a session lasts at most, and how long it survives without a request. */
export interface SessionLifetime {
  ttlMs: number;
  idleMs: number;
}

// expires_at slides with activity (now + idle, never past created_at + ttl), so the idle timeout needs no
// extra column; it is written at most once a minute per session so reads do not become writes.
const SLIDE_EVERY_MS = 60_000;

export class SessionRepo {
  private readonly life: SessionLifetime;
  constructor(
    private readonly db: Db,
    life: SessionLifetime | number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.life = typeof life === 'number' ? { ttlMs: life, idleMs: life } : life;
  }

  /** `expiresAt` is the absolute end, for the cookie: the idle deadline lives in the row and slides. */
  async create(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const id = randomBytes(16).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const now = this.now();
    const idleEnd = new Date(now.getTime() + Math.min(this.life.ttlMs, this.life.idleMs));
    // ip_address stays NULL: the address is personal data we have no use for after the rate limiter.
    await this.db.execute(
      'INSERT INTO user_sessions (id, platform_user_id, token_hash, created_at, expires_at, ip_address) VALUES (?, ?, ?, ?, ?, NULL)',
      [id, userId, sha256(secret), sqlNow(now), sqlNow(idleEnd)],
    );
    return { token: `${id}.${secret}`, expiresAt: new Date(now.getTime() + this.life.ttlMs) };
  }

  /** The user behind a cookie value, or null when it is malformed, unknown, expired or the user is disabled. */
  async resolve(token: string | undefined): Promise<SessionUser | null> {
    const m = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    if (!m) return null;
    const [, id, secret] = m as unknown as [string, string, string];
    const r = await this.db.query(
      `SELECT s.token_hash, s.created_at AS session_created_at, s.expires_at,
              u.id, u.username, u.role, u.created_at, u.disabled
         FROM user_sessions s JOIN platform_users u ON u.id = s.platform_user_id
        WHERE s.id = ?`,
      [id],
    );
    const row = r.rows[0] as
      | {
          token_hash: string;
          session_created_at: string;
          expires_at: string;
          id: number;
          username: string;
          role: string;
          created_at: string;
          disabled: number;
        }
      | undefined;
    if (!row) return null;
    const a = Buffer.from(row.token_hash, 'hex');
    const b = Buffer.from(sha256(secret), 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    if (row.expires_at <= sqlNow(this.now()) || Number(row.disabled)) return null;
    await this.slide(id, row.session_created_at, row.expires_at);
    return {
      sessionId: id,
      id: Number(row.id),
      username: row.username,
      role: RoleSchema.parse(row.role),
      createdAt: row.created_at,
      disabled: false,
    };
  }

  /** Pushes the idle deadline forward after a request, capped by the absolute lifetime. */
  private async slide(id: string, createdAt: string, expiresAt: string): Promise<void> {
    const now = this.now().getTime();
    const hardEnd = Date.parse(`${createdAt.replace(' ', 'T')}Z`) + this.life.ttlMs;
    const next = Math.min(now + this.life.idleMs, hardEnd);
    if (next - Date.parse(`${expiresAt.replace(' ', 'T')}Z`) < SLIDE_EVERY_MS) return;
    await this.db.execute('UPDATE user_sessions SET expires_at = ? WHERE id = ?', [sqlNow(new Date(next)), id]);
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.execute('DELETE FROM user_sessions WHERE id = ?', [sessionId]);
  }

  async revokeUser(userId: number): Promise<void> {
    await this.db.execute('DELETE FROM user_sessions WHERE platform_user_id = ?', [userId]);
  }

  /** Expired rows are dead weight; login sweeps them so the table stays small without a cron job. */
  async sweep(): Promise<void> {
    await this.db.execute('DELETE FROM user_sessions WHERE expires_at <= ?', [sqlNow(this.now())]);
  }
}
