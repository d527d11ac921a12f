// POST /api/chat: one turn answered as server-sent events. The route owns the conversation bookkeeping
// (create or continue, ownership, saving the finished turn); the assistant only produces events.
// Closing the connection is the stop button: it aborts the turn on whichever instance runs it.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { TidelensError } from '../../../errors.ts';
import { chatRequestSchema, type TurnEvent, type TurnSummary } from '../../../protocol/index.ts';
import type { ConversationStore } from '../../store/types.ts';
import type { HttpConfig } from '../../http-config.ts';
import type { Assistant } from '../../../agent/assistant-types.ts';
import type { AppEnv } from '../env.ts';
import { toErrorBody } from '../errors.ts';
import type { LogFn } from '../log.ts';
import { requireRole } from '../middleware.ts';
import { redactEvent } from '../redact.ts';
import { jsonBody } from '../validate.ts';
import { loadOwned } from './conversations.ts';

const HEARTBEAT_MS = 15_000;

export function chatRoutes(deps: { assistant: Assistant; store: ConversationStore; config: HttpConfig; log: LogFn }) {
  const { assistant, store, config, log } = deps;
  const Chat = chatRequestSchema(config.maxMessageChars);
  const app = new Hono<AppEnv>();

  app.post('/chat', requireRole('viewer'), async (c) => {
    const body = await jsonBody(c, Chat);
    const user = c.get('user')!;
    const conversation = body.conversationId
      ? await loadOwned(store, body.conversationId, user)
      : await store.create(String(user.id), titleFrom(body.message));
    const history = body.conversationId ? await store.turns(conversation.id) : [];
    const turnId = randomUUID();
    const requestId = c.get('requestId');
    const ac = new AbortController();
    c.req.raw.signal?.addEventListener('abort', () => ac.abort(), { once: true });
    c.get('logFields').turnId = turnId;

    return streamSSE(c, async (stream) => {
      stream.onAbort(() => ac.abort());
      const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => {}), HEARTBEAT_MS);
      const start = performance.now();
      let summary: TurnSummary | null = null;
      let messages: unknown[] = [];
      let failed: string | undefined;
      let seq = 0;
      const send = async (ev: TurnEvent) => {
        if (stream.aborted || stream.closed) return;
        await stream.writeSSE({ event: ev.type, data: JSON.stringify(ev), id: `${turnId}:${seq++}` });
      };
      try {
        await send({ type: 'turn_started', conversationId: conversation.id, turnId });
        const events = assistant.runTurn({
          conversationId: conversation.id,
          turnId,
          question: body.message,
          language: body.language,
          user: { id: String(user.id), role: user.role },
          history,
          signal: ac.signal,
        });
        for await (const ev of events) {
          if (ev.type === 'messages') {
            messages = ev.messages;
            continue;
          }
          if (ev.type === 'turn_started') continue; // sent above with the ids the route chose
          if (ev.type === 'done') summary = ev.turn;
          if (ev.type === 'error') failed = ev.code;
          const out = redactEvent(
            ev,
            user.role,
            (reason) => log({ level: 'warn', msg: 'chart_rejected', requestId, turnId, reason }),
            (e) => log({ level: 'error', msg: 'tool_error', requestId, turnId, ...e }),
          );
          if (out) await send(out);
        }
        if (summary) {
          await store.appendTurn({ turnId, conversationId: conversation.id, createdAt: new Date().toISOString(), question: body.message, summary, messages });
        }
      } catch (e) {
        const { body: err } = toErrorBody(e, requestId);
        failed = err.code;
        if (!(e instanceof TidelensError)) log({ level: 'error', msg: 'turn_failed', requestId, turnId, error: (e as Error).message });
        await send({ type: 'error', code: err.code, message: err.message }).catch(() => {});
      } finally {
        clearInterval(heartbeat);
        log({
          level: failed ? 'warn' : 'info',
          msg: 'turn',
          requestId,
          turnId,
          conversationId: conversation.id,
          role: user.role,
          ms: Math.round(performance.now() - start),
          aborted: ac.signal.aborted,
          stopReason: summary?.stopReason,
          error: failed,
          tools: summary?.steps.map((s) => s.tool),
          sqlMs: summary ? Math.round(summary.timings.sqlMs) : undefined,
          modelMs: summary ? Math.round(summary.timings.modelMs) : undefined,
          inputTokens: summary?.usage.inputTokens,
          outputTokens: summary?.usage.outputTokens,
          costUsd: summary?.usage.estimatedCostUsd,
        });
      }
    });
  });

  return app;
}

function titleFrom(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
