// The conversation store for the server tests. Until the SQLite store lands this is a small in-memory
// implementation of the same interface; swap in the real one (src/server/store/) when it exists.
import { randomUUID } from 'node:crypto';
import type { ConversationMeta, ConversationStore, StoredTurn } from '../../src/server/store/types.ts';

class MemoryStore implements ConversationStore {
  private metas = new Map<string, ConversationMeta>();
  private turnsBy = new Map<string, StoredTurn[]>();
  async create(ownerId: string, title: string) {
    const now = new Date().toISOString();
    const m: ConversationMeta = { id: randomUUID(), ownerId, title, createdAt: now, updatedAt: now, saved: false, expiresAt: Math.floor(Date.now() / 1000) + 86400 };
    this.metas.set(m.id, m);
    return m;
  }
  async get(id: string) { return this.metas.get(id) ?? null; }
  async list(ownerId: string | null) {
    return [...this.metas.values()].filter((m) => ownerId === null || m.ownerId === ownerId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
  async update(id: string, patch: { title?: string; saved?: boolean }) {
    const m = this.metas.get(id)!;
    const next = { ...m, ...patch, updatedAt: new Date().toISOString(), expiresAt: patch.saved ? null : m.expiresAt };
    this.metas.set(id, next);
    return next;
  }
  async delete(id: string) { this.metas.delete(id); this.turnsBy.delete(id); }
  async appendTurn(t: StoredTurn) { this.turnsBy.set(t.conversationId, [...(this.turnsBy.get(t.conversationId) ?? []), t]); }
  async turns(id: string) { return this.turnsBy.get(id) ?? []; }
  async close() {}
}

export async function openTestStore(_dir: string): Promise<ConversationStore> {
  return new MemoryStore();
}
