// A turn is stored when it starts (status "running") and rewritten when it ends. A turn still "running"
// when read by a later process, or long past any turn's time limit, belonged to a server that died
// mid-turn: readers see it as "interrupted", with its question and partial answer.
import type { StoredTurn } from './types.ts';

/** Past this age a running turn cannot still be running: the turn time limit (120 s) plus a margin. */
export const STALE_RUNNING_MS = 10 * 60_000;

export interface StaleRule {
  /** Running turns created before this instant belong to an earlier process (null: no such rule). */
  openedAt: Date | null;
  now: () => Date;
  staleMs?: number;
}

const NOTE = {
  en: 'This answer was interrupted: the server stopped before it was finished. Ask again to get a full answer.',
  zh: '这个回答被中断了：服务器在回答完成前停止了。请重新提问以获得完整回答。',
} as const;

export function asInterrupted(t: StoredTurn, rule: StaleRule): StoredTurn {
  if (t.status !== 'running') return t;
  const created = Date.parse(t.createdAt);
  const stale =
    (rule.openedAt !== null && created < rule.openedAt.getTime()) ||
    rule.now().getTime() - created > (rule.staleMs ?? STALE_RUNNING_MS);
  if (!stale) return t;
  const note = NOTE[t.summary.language] ?? NOTE.en;
  const answer = [t.summary.answer.trim(), note].filter(Boolean).join('\n\n');
  return { ...t, status: 'interrupted', summary: { ...t.summary, answer, stopReason: 'cancelled' } };
}

/** Cursors are opaque to clients; the stores put their own sort key in them. */
export function encodeCursor(v: unknown[]): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor(s: string | undefined): unknown[] | null {
  if (!s) return null;
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
