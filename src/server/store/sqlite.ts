// The embedded conversation store: its own SQLite file (not the warehouse), same interface and expiry as DynamoDB.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TidelensError } from '../../errors.ts';
import type { Feedback } from '../../protocol/feedback.ts';
import { serialiseTurn } from './cap.ts';
import { DEFAULT_EXPIRY, expiresAt, type ExpiryOptions } from './expiry.ts';
import { asInterrupted, decodeCursor, encodeCursor, type StaleRule } from './running.ts';
import { type Lookup, type RatedTurn, TOMBSTONE_DAYS, withFeedback, withStar } from './share.ts';
import type { ConversationMeta, ConversationStore, ListPage, StoredTurn } from './types.ts';

const DDL = `
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  saved INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER
);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations (owner_id, updated_at);
CREATE TABLE IF NOT EXISTS turns (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  turn_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (conversation_id, turn_id)
);
CREATE TABLE IF NOT EXISTS expired_conversations (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  expired_at INTEGER NOT NULL
);`;

/** Columns added after the first release: a store file made before them gets them on open. */
const ADDED_COLUMNS: [table: string, column: string, index: string][] = [
  [
    'conversations',
    'share_token TEXT',
    'CREATE UNIQUE INDEX IF NOT EXISTS conversations_share ON conversations (share_token)',
  ],
  ['turns', 'feedback_at TEXT', 'CREATE INDEX IF NOT EXISTS turns_feedback ON turns (feedback_at)'],
  ['turns', 'starred_at TEXT', 'CREATE INDEX IF NOT EXISTS turns_starred ON turns (owner_id, starred_at)'],
];

interface Row {
  id: string;
  owner_id: string;
  title: string;
  created_at: string;
  updated_at: string;
  saved: number;
  expires_at: number | null;
  share_token: string | null;
}

const toMeta = (r: Row): ConversationMeta => ({
  id: r.id,
  ownerId: r.owner_id,
  title: r.title,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  saved: r.saved === 1,
  expiresAt: r.expires_at,
  ...(r.share_token ? { shareToken: r.share_token } : {}),
});

export class SqliteConversationStore implements ConversationStore {
  private readonly db: Database.Database;
  private readonly expiry: ExpiryOptions;
  /** The store file is this host's alone, so a running turn from before this process opened it is dead. */
  private readonly stale: StaleRule;

  constructor(path: string, expiry: Partial<ExpiryOptions> = {}) {
    this.expiry = { ...DEFAULT_EXPIRY, ...expiry };
    this.stale = { openedAt: this.expiry.now(), now: this.expiry.now };
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new Database(path);
    } catch (e) {
      throw new TidelensError(
        'bad_config',
        `cannot open the conversation store ${path}: ${(e as Error).message}; check TIDELENS_STORE_PATH`,
      );
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(DDL);
    this.addColumns();
    this.purge();
  }

  private nowSec(): number {
    return Math.floor(this.expiry.now().getTime() / 1000);
  }

  private addColumns(): void {
    for (const [table, column, index] of ADDED_COLUMNS) {
      const cols = this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (!cols.some((c) => c.name === column.split(' ')[0])) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
      this.db.exec(index);
    }
  }

  /**
   * Expired conversations are deleted for real (reads also filter them, so a purge delay shows nothing stale);
   * their ids and owners are remembered for a while, so an old link can say "expired".
   */
  purge(): number {
    const now = this.nowSec();
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO expired_conversations (id, owner_id, expired_at)
           SELECT id, owner_id, expires_at FROM conversations WHERE expires_at IS NOT NULL AND expires_at <= ?`,
        )
        .run(now);
      this.db.prepare('DELETE FROM expired_conversations WHERE expired_at <= ?').run(now - TOMBSTONE_DAYS * 86_400);
      return this.db.prepare('DELETE FROM conversations WHERE expires_at IS NOT NULL AND expires_at <= ?').run(now)
        .changes;
    })();
  }

  async create(ownerId: string, title: string): Promise<ConversationMeta> {
    this.purge();
    const now = this.expiry.now().toISOString();
    const meta: ConversationMeta = {
      id: randomUUID(),
      ownerId,
      title,
      createdAt: now,
      updatedAt: now,
      saved: false,
      expiresAt: expiresAt(this.expiry, false),
    };
    this.db
      .prepare(
        'INSERT INTO conversations (id, owner_id, title, created_at, updated_at, saved, expires_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
      )
      .run(meta.id, ownerId, title, now, now, meta.expiresAt);
    return meta;
  }

  async get(id: string): Promise<ConversationMeta | null> {
    const r = this.db
      .prepare('SELECT * FROM conversations WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)')
      .get(id, this.nowSec()) as Row | undefined;
    return r ? toMeta(r) : null;
  }

  async list(ownerId: string | null): Promise<ConversationMeta[]> {
    const live = '(expires_at IS NULL OR expires_at > ?)';
    const rows = (
      ownerId === null
        ? this.db
            .prepare(`SELECT * FROM conversations WHERE ${live} ORDER BY updated_at DESC, rowid DESC`)
            .all(this.nowSec())
        : this.db
            .prepare(`SELECT * FROM conversations WHERE owner_id = ? AND ${live} ORDER BY updated_at DESC, rowid DESC`)
            .all(ownerId, this.nowSec())
    ) as Row[];
    return rows.map(toMeta);
  }

  async listPage(ownerId: string | null, page: { limit: number; cursor?: string }): Promise<ListPage> {
    const after = decodeCursor(page.cursor);
    if (page.cursor && after?.length !== 2) {
      throw new TidelensError('bad_input', 'cursor is not one this server gave out; start again without it');
    }
    const where = ['(expires_at IS NULL OR expires_at > ?)'];
    const args: unknown[] = [this.nowSec()];
    if (ownerId !== null) {
      where.push('owner_id = ?');
      args.push(ownerId);
    }
    if (after) {
      where.push('(updated_at < ? OR (updated_at = ? AND rowid < ?))');
      args.push(after[0], after[0], after[1]);
    }
    const sql = `SELECT rowid AS rid, * FROM conversations WHERE ${where.join(' AND ')}
      ORDER BY updated_at DESC, rowid DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, page.limit + 1) as (Row & { rid: number })[];
    const more = rows.length > page.limit;
    const kept = rows.slice(0, page.limit);
    const last = kept.at(-1);
    return { conversations: kept.map(toMeta), next: more && last ? encodeCursor([last.updated_at, last.rid]) : null };
  }

  async trimOwner(ownerId: string, keep: number): Promise<number> {
    this.purge();
    const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM conversations WHERE owner_id = ?').get(ownerId) as {
      n: number;
    };
    if (n <= keep) return n;
    const { changes } = this.db
      .prepare(
        `DELETE FROM conversations WHERE id IN (SELECT id FROM conversations WHERE owner_id = ? AND saved = 0
         ORDER BY updated_at, rowid LIMIT ?)`,
      )
      .run(ownerId, n - keep);
    return n - changes;
  }

  async update(id: string, patch: { title?: string; saved?: boolean }): Promise<ConversationMeta> {
    const cur = await this.get(id);
    if (!cur) throw new TidelensError('not_found', `no conversation ${id}`);
    const saved = patch.saved ?? cur.saved;
    const next: ConversationMeta = {
      ...cur,
      title: patch.title ?? cur.title,
      saved,
      updatedAt: this.expiry.now().toISOString(),
      expiresAt: expiresAt(this.expiry, saved),
    };
    this.db
      .prepare('UPDATE conversations SET title = ?, saved = ?, updated_at = ?, expires_at = ? WHERE id = ?')
      .run(next.title, saved ? 1 : 0, next.updatedAt, next.expiresAt, id);
    return next;
  }

  async delete(id: string): Promise<void> {
    this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
  }

  async appendTurn(turn: StoredTurn): Promise<void> {
    const cur = await this.get(turn.conversationId);
    if (!cur) throw new TidelensError('not_found', `no conversation ${turn.conversationId}`);
    const now = this.expiry.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO turns (conversation_id, turn_id, owner_id, created_at, body) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (conversation_id, turn_id) DO UPDATE SET body = excluded.body`,
        )
        .run(turn.conversationId, turn.turnId, cur.ownerId, turn.createdAt, serialiseTurn(turn));
      this.db
        .prepare('UPDATE conversations SET updated_at = ?, expires_at = ? WHERE id = ?')
        .run(now, expiresAt(this.expiry, cur.saved), cur.id);
    })();
  }

  async turns(conversationId: string, opts: { last?: number } = {}): Promise<StoredTurn[]> {
    if (!(await this.get(conversationId))) return [];
    const newest = `SELECT body, created_at, rowid AS rid FROM turns WHERE conversation_id = ?
      ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    const rows = this.db
      .prepare(`SELECT body FROM (${newest}) ORDER BY created_at, rid`)
      .all(conversationId, opts.last ?? -1) as { body: string }[];
    return rows.map((r) => asInterrupted(JSON.parse(r.body) as StoredTurn, this.stale));
  }

  async turnCount(conversationId: string): Promise<number> {
    const r = this.db.prepare('SELECT COUNT(*) AS n FROM turns WHERE conversation_id = ?').get(conversationId);
    return (r as { n: number }).n;
  }

  async lookup(id: string): Promise<Lookup> {
    const meta = await this.get(id);
    if (meta) return { state: 'live', meta };
    this.purge();
    const r = this.db.prepare('SELECT owner_id FROM expired_conversations WHERE id = ?').get(id) as
      | { owner_id: string }
      | undefined;
    return r ? { state: 'expired', ownerId: r.owner_id } : { state: 'missing' };
  }

  async setShareToken(id: string, token: string | null): Promise<ConversationMeta> {
    const cur = await this.get(id);
    if (!cur) throw new TidelensError('not_found', `no conversation ${id}`);
    this.db.prepare('UPDATE conversations SET share_token = ? WHERE id = ?').run(token, id);
    const { shareToken: _old, ...rest } = cur;
    return token ? { ...rest, shareToken: token } : rest;
  }

  async byShareToken(token: string): Promise<ConversationMeta | null> {
    const r = this.db
      .prepare('SELECT * FROM conversations WHERE share_token = ? AND (expires_at IS NULL OR expires_at > ?)')
      .get(token, this.nowSec()) as Row | undefined;
    return r ? toMeta(r) : null;
  }

  async setFeedback(conversationId: string, turnId: string, feedback: Feedback): Promise<void> {
    const r = (await this.get(conversationId))
      ? (this.db
          .prepare('SELECT body FROM turns WHERE conversation_id = ? AND turn_id = ?')
          .get(conversationId, turnId) as { body: string } | undefined)
      : undefined;
    if (!r) throw new TidelensError('not_found', `no turn ${turnId} in conversation ${conversationId}`);
    const body = JSON.stringify(withFeedback(JSON.parse(r.body) as StoredTurn, feedback));
    this.db
      .prepare('UPDATE turns SET body = ?, feedback_at = ? WHERE conversation_id = ? AND turn_id = ?')
      .run(body, feedback.at, conversationId, turnId);
  }

  async listFeedback(limit: number): Promise<RatedTurn[]> {
    const rows = this.db
      .prepare(
        `SELECT t.body, c.owner_id FROM turns t JOIN conversations c ON c.id = t.conversation_id
         WHERE t.feedback_at IS NOT NULL AND (c.expires_at IS NULL OR c.expires_at > ?)
         ORDER BY t.feedback_at DESC, t.turn_id DESC LIMIT ?`,
      )
      .all(this.nowSec(), limit) as { body: string; owner_id: string }[];
    return rows
      .map((r) => ({ ownerId: r.owner_id, turn: JSON.parse(r.body) as RatedTurn['turn'] }))
      .filter((r) => r.turn.feedback);
  }

  async setStar(conversationId: string, turnId: string, starredAt: string | null): Promise<void> {
    const r = (await this.get(conversationId))
      ? (this.db
          .prepare('SELECT body FROM turns WHERE conversation_id = ? AND turn_id = ?')
          .get(conversationId, turnId) as { body: string } | undefined)
      : undefined;
    if (!r) throw new TidelensError('not_found', `no turn ${turnId} in conversation ${conversationId}`);
    const body = JSON.stringify(withStar(JSON.parse(r.body) as StoredTurn, starredAt));
    this.db
      .prepare('UPDATE turns SET body = ?, starred_at = ? WHERE conversation_id = ? AND turn_id = ?')
      .run(body, starredAt, conversationId, turnId);
  }

  async listStarred(ownerId: string, limit: number): Promise<StoredTurn[]> {
    const rows = this.db
      .prepare(
        `SELECT t.body FROM turns t JOIN conversations c ON c.id = t.conversation_id
         WHERE t.owner_id = ? AND t.starred_at IS NOT NULL AND (c.expires_at IS NULL OR c.expires_at > ?)
         ORDER BY t.starred_at DESC, t.turn_id DESC LIMIT ?`,
      )
      .all(ownerId, this.nowSec(), limit) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as StoredTurn).filter((t) => t.starredAt);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
