// platform_users through the app's own (writable) connection; the assistant's read-only account never sees this table.
import { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { TidelensError } from '../../errors.ts';
import { ROLES } from '../../protocol/vocabulary.ts';
import type { Role } from '../../tools/types.ts';
import { generatePassword, hashPassword, PASSWORD_RULE } from './password.ts';
import { passwordProblem } from './password-policy.ts';
import { foldUsername } from './username.ts';

export { ROLES };
export const RoleSchema = z.enum(ROLES);
export const UsernameSchema = z
  .string()
  .trim()
  .normalize('NFKC')
  .min(2, 'a username needs at least 2 characters')
  .max(64, 'a username has at most 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'a username uses letters, digits and . _ @ - only');
export const PasswordSchema = z
  .string()
  .min(PASSWORD_RULE.min, `a password needs at least ${PASSWORD_RULE.min} characters`)
  .max(PASSWORD_RULE.max, `a password has at most ${PASSWORD_RULE.max} characters`)
  .superRefine((pw, ctx) => {
    const problem = pw.length >= PASSWORD_RULE.min ? passwordProblem(pw) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export interface PlatformUser {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

interface Row {
  id: number;
  username: string;
  role: string;
  created_at: string;
  disabled: number;
  password_hash?: string;
}

const toUser = (r: Row): PlatformUser => ({
  id: Number(r.id),
  username: r.username,
  role: RoleSchema.parse(r.role),
  createdAt: r.created_at,
  disabled: Boolean(Number(r.disabled)),
});

function check<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new TidelensError('bad_input', r.error.issues[0]!.message);
  return r.data;
}

export function sqlNow(d = new Date()): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export class UserRepo {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const r = await this.db.query('SELECT COUNT(*) AS n FROM platform_users');
    return Number(r.rows[0]?.n ?? 0);
  }

  async list(): Promise<PlatformUser[]> {
    const r = await this.db.query('SELECT id, username, role, created_at, disabled FROM platform_users ORDER BY id');
    return (r.rows as unknown as Row[]).map(toUser);
  }

  async byId(id: number): Promise<PlatformUser | null> {
    const r = await this.db.query('SELECT id, username, role, created_at, disabled FROM platform_users WHERE id = ?', [
      id,
    ]);
    const row = r.rows[0] as unknown as Row | undefined;
    return row ? toUser(row) : null;
  }

  /** With the hash, for the login check only. */
  async withHash(username: string): Promise<(PlatformUser & { passwordHash: string }) | null> {
    const r = await this.db.query(
      'SELECT id, username, role, created_at, disabled, password_hash FROM platform_users WHERE username = ?',
      [username],
    );
    const row = r.rows[0] as unknown as Row | undefined;
    return row ? { ...toUser(row), passwordHash: row.password_hash! } : null;
  }

  /** Creates a user; without a password one is generated and returned once. */
  async create(username: string, role: Role, password?: string): Promise<{ user: PlatformUser; password: string }> {
    const name = check(UsernameSchema, username);
    const pw = check(PasswordSchema, password ?? generatePassword());
    await this.refuseLookalike(name);
    const hash = await hashPassword(pw);
    // platform_users.id has no AUTO_INCREMENT on MySQL; a concurrent insert loses on the primary key and retries.
    for (let attempt = 0; attempt < 3; attempt++) {
      const next = await this.db.query('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM platform_users');
      const id = Number(next.rows[0]?.id ?? 1);
      try {
        await this.db.execute(
          'INSERT INTO platform_users (id, username, password_hash, role, created_at, disabled) VALUES (?, ?, ?, ?, ?, 0)',
          [id, name, hash, role, sqlNow()],
        );
        return { user: (await this.byId(id))!, password: pw };
      } catch (e) {
        if (await this.withHash(name))
          throw new TidelensError('bad_input', `a user named "${name}" already exists; pick another name`);
        if (attempt === 2) throw e;
      }
    }
    throw new TidelensError('internal', 'could not allocate a user id');
  }

  /** The same name in another spelling (case, accents, full-width) would share a row on MySQL: refused everywhere. */
  private async refuseLookalike(name: string): Promise<void> {
    const key = foldUsername(name);
    const clash = (await this.list()).find((u) => foldUsername(u.username) === key);
    if (clash) {
      throw new TidelensError(
        'bad_input',
        `a user named "${clash.username}" already exists and "${name}" reads the same; pick another name`,
      );
    }
  }

  async update(id: number, patch: { role?: Role; disabled?: boolean; password?: string }): Promise<PlatformUser> {
    if (!(await this.byId(id))) throw new TidelensError('not_found', `no user with id ${id}`);
    if (patch.role) await this.db.execute('UPDATE platform_users SET role = ? WHERE id = ?', [patch.role, id]);
    if (patch.disabled !== undefined) {
      await this.db.execute('UPDATE platform_users SET disabled = ? WHERE id = ?', [patch.disabled ? 1 : 0, id]);
    }
    if (patch.password !== undefined) {
      check(PasswordSchema, patch.password);
      await this.db.execute('UPDATE platform_users SET password_hash = ? WHERE id = ?', [
        await hashPassword(patch.password),
        id,
      ]);
    }
    return (await this.byId(id))!;
  }

  /** Admins left who can still log in: the last one cannot be demoted or disabled. */
  async activeAdmins(): Promise<number> {
    const r = await this.db.query("SELECT COUNT(*) AS n FROM platform_users WHERE role = 'admin' AND disabled = 0");
    return Number(r.rows[0]?.n ?? 0);
  }
}
