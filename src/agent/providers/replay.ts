// Cassettes: the model exchanges of an eval run, recorded from a live provider and played back
// deterministically. A request is keyed by a digest of the conversation it carries (questions, the
// model's own turns, tool calls and tool results) and the names of the tools offered; the system prompt
// and the tools' descriptions are hashed apart, so editing a prompt or a description shows up as drift
// in the report instead of invalidating every cassette, while any change to what the model was shown
// of the conversation is a miss that fails loudly.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TidelensError } from '../../errors.ts';
import type { Message, ModelEvent, ModelProvider, ModelRequest } from './types.ts';

export const CASSETTE_VERSION = 1;
export const DEFAULT_CASSETTE_DIR = 'eval/cassettes/fake-bedrock';

export interface Exchange {
  digest: string;
  /** Hash of the system prompt and tool specs the request carried. */
  context: string;
  /** The last user question and how many model rounds preceded this call in its turn: for people reading a miss. */
  question: string;
  round: number;
  events: ModelEvent[];
}

export interface Cassette {
  version: typeof CASSETTE_VERSION;
  caseId: string;
  provider: ModelProvider['name'];
  modelId: string;
  exchanges: Exchange[];
}

/** Stable JSON: object keys sorted, so the digest does not depend on key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export function requestDigest(req: Pick<ModelRequest, 'messages' | 'tools' | 'maxTokens'>): string {
  return sha(
    canonicalJson({ messages: req.messages, tools: req.tools.map((t) => t.name).sort(), maxTokens: req.maxTokens }),
  );
}

export function contextDigest(req: Pick<ModelRequest, 'system' | 'tools'>): string {
  return sha(canonicalJson({ system: req.system, tools: req.tools }));
}

/** The last user question of a request and the model rounds already taken after it. */
export function describeRequest(messages: Message[]): { question: string; round: number } {
  let q = -1;
  messages.forEach((m, i) => {
    if (m.role === 'user' && m.content.some((b) => 'text' in b)) q = i;
  });
  const question = q < 0 ? '' : messages[q]!.content.flatMap((b) => ('text' in b ? [b.text] : [])).join(' ');
  const round = q < 0 ? 0 : messages.slice(q + 1).filter((m) => m.role === 'assistant').length;
  return { question, round };
}

/** Wraps a live provider and keeps every exchange, to be saved as a cassette per eval case. */
export class RecordingProvider implements ModelProvider {
  readonly name: ModelProvider['name'];
  readonly modelId: string;
  exchanges: Exchange[] = [];

  constructor(private readonly inner: ModelProvider) {
    this.name = inner.name;
    this.modelId = inner.modelId;
  }

  async *converse(req: ModelRequest): AsyncIterable<ModelEvent> {
    const events: ModelEvent[] = [];
    for await (const ev of this.inner.converse(req)) {
      events.push(ev);
      yield ev;
    }
    // Only complete exchanges are kept: a stream that failed half-way is not something to replay.
    this.exchanges.push({
      digest: requestDigest(req),
      context: contextDigest(req),
      ...describeRequest(req.messages),
      events,
    });
  }

  /** Takes the exchanges recorded since the last call, as one case's cassette. */
  take(caseId: string): Cassette {
    const c: Cassette = {
      version: CASSETTE_VERSION,
      caseId,
      provider: this.name,
      modelId: this.modelId,
      exchanges: this.exchanges,
    };
    this.exchanges = [];
    return c;
  }
}

export function cassettePath(dir: string, caseId: string): string {
  return join(dir, `${caseId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
}

export function saveCassette(dir: string, c: Cassette): string {
  mkdirSync(dir, { recursive: true });
  const path = cassettePath(dir, c.caseId);
  writeFileSync(path, JSON.stringify(c, null, 1) + '\n');
  return path;
}

export function loadCassettes(dir: string): Cassette[] {
  if (!existsSync(dir)) {
    throw new TidelensError(
      'bad_config',
      `no cassettes at ${dir}: record them first (eval/run/record-fake-bedrock.ts, or npx tidelens eval --provider bedrock --record)`,
    );
  }
  const out: Cassette[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const c = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Cassette;
    if (c.version !== CASSETTE_VERSION || !Array.isArray(c.exchanges)) {
      throw new TidelensError(
        'bad_config',
        `${join(dir, f)} is not a version ${CASSETTE_VERSION} cassette; record it again`,
      );
    }
    out.push(c);
  }
  return out;
}

export interface ReplayMiss {
  question: string;
  round: number;
  digest: string;
}

/**
 * Plays recorded exchanges back. A request that was never recorded throws a model_error naming the
 * question and the round (the loop ends that turn with it) and is kept in `misses` for the eval to fail on.
 */
export class ReplayProvider implements ModelProvider {
  readonly name: ModelProvider['name'];
  readonly modelId: string;
  readonly misses: ReplayMiss[] = [];
  /** Requests answered from a cassette whose system prompt or tool specs have changed since recording. */
  drift = 0;
  private readonly byDigest = new Map<string, Exchange & { caseId: string }>();

  constructor(cassettes: Cassette[]) {
    if (!cassettes.length) throw new TidelensError('bad_config', 'replay needs at least one cassette');
    this.name = cassettes[0]!.provider;
    this.modelId = cassettes[0]!.modelId;
    for (const c of cassettes) for (const x of c.exchanges) this.byDigest.set(x.digest, { ...x, caseId: c.caseId });
  }

  static fromDir(dir: string = DEFAULT_CASSETTE_DIR): ReplayProvider {
    return new ReplayProvider(loadCassettes(dir));
  }

  /** Cases with at least one recorded exchange. */
  get caseIds(): Set<string> {
    return new Set([...this.byDigest.values()].map((x) => x.caseId));
  }

  async *converse(req: ModelRequest): AsyncIterable<ModelEvent> {
    req.signal?.throwIfAborted();
    const digest = requestDigest(req);
    const hit = this.byDigest.get(digest);
    if (!hit) {
      const { question, round } = describeRequest(req.messages);
      this.misses.push({ question, round, digest });
      throw new TidelensError(
        'model_error',
        `replay: no recorded exchange for question "${question.slice(0, 120)}" at model round ${round + 1} (request ${digest}). The loop asked for something the cassettes do not hold: a tool's output, the question or the tool list changed since recording. Record again against the live or fake provider.`,
        { replayMiss: true, digest },
      );
    }
    if (hit.context !== contextDigest(req)) this.drift++;
    for (const ev of hit.events) yield ev;
  }
}
