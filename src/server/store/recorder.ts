// Keeps the store in step with a running turn: the question is stored when the turn starts (status
// "running"), the partial answer as tools finish, and the whole turn when it ends, however it ends.
// A server killed mid-turn thus leaves the question and what was answered so far.
import { emptySummary, type Language, type TurnEvent, type TurnSummary } from '../../protocol/turn.ts';
import type { ConversationStore, StoredTurn } from './types.ts';

/** Partial answers are written at most this often: the store is a database, not a log. */
const SAVE_EVERY_MS = 2000;

export interface RecorderInput {
  turnId: string;
  conversationId: string;
  question: string;
  language: Language;
}

export class TurnRecorder {
  private readonly createdAt = new Date().toISOString();
  private readonly started = performance.now();
  private readonly partial: TurnSummary;
  private lastSave = 0;
  private writes: Promise<void> = Promise.resolve();
  private ended = false;
  private queued = false;

  constructor(
    private readonly store: ConversationStore,
    private readonly t: RecorderInput,
    private readonly onError: (e: unknown) => void = () => {},
  ) {
    this.partial = emptySummary(t, 'cancelled');
  }

  /** Stores the question before any work: awaited, so a turn that cannot be stored does not run. */
  async start(): Promise<void> {
    this.lastSave = performance.now();
    await this.store.appendTurn(this.stored(this.partial, [], 'running'));
  }

  /** Folds an event into the partial answer; writes it when a tool finished or text has piled up. */
  observe(ev: TurnEvent): void {
    const p = this.partial;
    if (ev.type === 'text') p.answer += ev.delta;
    else if (ev.type === 'tool_finished') p.steps.push(ev.step);
    else if (ev.type === 'table') p.tables.push(ev.table);
    else if (ev.type === 'chart') p.charts.push(ev.spec);
    else return;
    if (ev.type !== 'text' || performance.now() - this.lastSave >= SAVE_EVERY_MS) this.saveRunning();
  }

  /** One partial write waits at most: it reads the partial answer when it runs, so later events ride along. */
  private saveRunning(): void {
    if (this.queued) return;
    this.queued = true;
    this.writes = this.writes.then(() => {
      this.queued = false;
    });
    this.save('running');
  }

  /** The loop's summary when it gave one; otherwise what was seen, marked as failed or cancelled. */
  async end(summary: TurnSummary | null, messages: unknown[], failed: boolean): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (!summary) {
      this.partial.stopReason = failed ? 'error' : 'cancelled';
      this.partial.timings.totalMs = Math.round(performance.now() - this.started);
    }
    const final = summary ?? this.partial;
    // A stopped turn stays in the conversation, marked, with what was answered before Stop.
    this.save(final.stopReason === 'cancelled' ? 'cancelled' : 'done', final, summary ? messages : []);
    await this.writes;
  }

  private save(status: StoredTurn['status'], summary = this.partial, messages: unknown[] = []): void {
    this.lastSave = performance.now();
    // Writes go one after another, so a slow partial write can never land after the final one.
    this.writes = this.writes
      .then(() => this.store.appendTurn(this.stored(summary, messages, status)))
      .catch(this.onError);
  }

  private stored(summary: TurnSummary, messages: unknown[], status: StoredTurn['status']): StoredTurn {
    const { turnId, conversationId, question } = this.t;
    return { turnId, conversationId, createdAt: this.createdAt, question, summary, messages, status };
  }
}
