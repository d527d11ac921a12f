// What came back from this turn's tool calls, read from the conversation: the shape both the repair (plan) and
// the answer stages read. Only the model part of a result is read: what a remote model would see.
import { readModelError, readModelPart } from '../../tools/dispatch.ts';
import type { Finding } from '../../protocol/index.ts';
import type { Message } from '../providers/types.ts';
import type { Intent } from './intent.ts';

export interface Outcome {
  name: string;
  input: Record<string, unknown>;
  payload: {
    summary: string;
    columns: string[];
    rows: Record<string, unknown>[];
    data?: Record<string, unknown>;
    findings?: Finding[];
  } | null;
  error: { code: string; message: string } | null;
  /** Input keys the tool had no place for. */
  dropped: string[];
}

export interface Tracked extends Outcome {
  id: string;
}

type Result = { text: string; status: string };

function results(turn: Message[]): Map<string, Result> {
  const out = new Map<string, Result>();
  for (const m of turn) {
    for (const b of m.content) {
      if ('toolResult' in b)
        out.set(b.toolResult.toolUseId, {
          text: b.toolResult.content.map((c) => c.text).join('\n'),
          status: b.toolResult.status,
        });
    }
  }
  return out;
}

function errorOf(r: Result | undefined, payload: Outcome['payload']): Outcome['error'] {
  if (!r) return { code: 'not_run', message: 'no result came back' };
  if (r.status === 'error' || !payload)
    return readModelError(r.text) ?? { code: 'tool_failed', message: r.text.slice(0, 300) };
  return null;
}

/** Every tool call of this turn with its result; a repaired call supersedes the failed one with the same tool. */
export function readOutcomes(turn: Message[], intent: Intent): Tracked[] {
  const byId = results(turn);
  const out: Tracked[] = [];
  for (const m of turn) {
    for (const b of m.content) {
      if (!('toolUse' in b)) continue;
      const { toolUseId: id, name } = b.toolUse;
      const input = (b.toolUse.input ?? {}) as Record<string, unknown>;
      const r = byId.get(id);
      const payload = r && r.status === 'success' ? readModelPart(r.text) : null;
      // A filter the question set that the call does not carry was not applied: the answer says so.
      const free = name === 'describe_schema' || name === 'run_sql';
      const dropped = free ? [] : Object.keys(intent.filters).filter((k) => !(k in input));
      out.push({ id, name, input, payload, error: errorOf(r, payload), dropped });
    }
  }
  return out.filter((o, k) => !(o.error && out.slice(k + 1).some((later) => later.name === o.name && !later.error)));
}
