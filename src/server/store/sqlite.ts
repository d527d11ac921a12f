// The embedded conversation store: its own SQLite file (not the warehouse), same interface and expiry as DynamoDB.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TidelensError } from '../../errors.ts';
import { serialiseTurn } from './cap.ts';
import { DEFAULT_EXPIRY, expiresAt, type ExpiryOptions } from './expiry.ts';
import type { ConversationMeta, ConversationStore, StoredTurn } from './types.ts';

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
);`;

interface Row {
  id: string;
  owner_id: string;
  title: string;
  created_at: string;
  updated_at: string;
  saved: number;
  expires_at: number | null;
}

const toMeta = (r: Row): ConversationMeta => ({
  id: r.id,
  ownerId: r.owner_id,
  title: r.title,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  saved: r.saved === 1,
  expiresAt: r.expires_at,
});

export class SqliteConversationStore implements ConversationStore {
  private readonly db: Database.Database;
  private readonly expiry: ExpiryOptions;

  constructor(path: string, expiry: Partial<ExpiryOptions> = {}) {
    this.expiry = { ...DEFAULT_EXPIRY, ...expiry };
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new Database(path);
    } catch (e) {
      throw new TidelensError('bad_config', `cannot open the conversation store ${path}: ${(e as Error).message}; check TIDELENS_STORE_PATH`);
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(DDL);
    this.purge();
  }

  private nowSec(): number {
    return Math.floor(this.expiry.now().getTime() / 1000);
  }

  /** Expired conversations are deleted for real; reads also filter them, so a purge delay shows nothing stale. */
  purge(): number {
    return this.db.prepare('DELETE FROM conversations WHERE expires_at IS NOT NULL AND expires_at <= ?').run(this.nowSec()).changes;
  }

  async create(ownerId: string, title: string): Promise<ConversationMeta> {
    this.purge();
    const now = this.expiry.now().toISOString();
    const meta: ConversationMeta = { id: randomUUID(), ownerId, title, createdAt: now, updatedAt: now, saved: false, expiresAt: expiresAt(this.expiry, false) };
    this.db
      .prepare('INSERT INTO conversations (id, owner_id, title, created_at, updated_at, saved, expires_at) VALUES (?, ?, ?, ?, ?, 0, ?)')
      .run(meta.id, ownerId, title, now, now, meta.expiresAt);
    return meta;
  }

  async get(id: string): Promise<ConversationMeta | null> {
    const r = this.db.prepare('SELECT * FROM conversations WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)').get(id, this.nowSec()) as Row | undefined;
    return r ? toMeta(r) : null;
  }

  async list(ownerId: string | null): Promise<ConversationMeta[]> {
    const live = '(expires_at IS NULL OR expires_at > ?)';
    const rows = (
      ownerId === null
        ? this.db.prepare(`SELECT * FROM conversations WHERE ${live} ORDER BY updated_at DESC, rowid DESC`).all(this.nowSec())
        : this.db.prepare(`SELECT * FROM conversations WHERE owner_id = ? AND ${live} ORDER BY updated_at DESC, rowid DESC`).all(ownerId, this.nowSec())
    ) as Row[];
    return rows.map(toMeta);
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
    this.db.prepare('UPDATE conversations SET title = ?, saved = ?, updated_at = ?, expires_at = ? WHERE id = ?').run(next.title, saved ? 1 : 0, next.updatedAt, next.expiresAt, id);
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
        .prepare('INSERT INTO turns (conversation_id, turn_id, owner_id, created_at, body) VALUES (?, ?, ?, ?, ?)')
        .run(turn.conversationId, turn.turnId, cur.ownerId, turn.createdAt, serialiseTurn(turn));
      this.db.prepare('UPDATE conversations SET updated_at = ?, expires_at = ? WHERE id = ?').run(now, expiresAt(this.expiry, cur.saved), cur.id);
    })();
  }

  async turns(conversationId: string): Promise<StoredTurn[]> {
    if (!(await this.get(conversationId))) return [];
    const rows = this.db.prepare('SELECT body FROM turns WHERE conversation_id = ? ORDER BY created_at, rowid').all(conversationId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as StoredTurn);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
