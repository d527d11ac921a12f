// The browser's side of the API: JSON calls that surface {code, message}, and the chat stream over fetch
// (EventSource cannot POST, and fetch lets the stop button abort the request, which cancels the turn).
import type { ChatRequest, ErrorBody, TurnEvent } from '../protocol/index.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.json !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    credentials: 'same-origin',
  });
  const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody>;
  if (!res.ok) throw new ApiError(res.status, body.code ?? 'internal', body.message ?? res.statusText);
  return body as T;
}

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
/** Lets the page render between deltas that arrived in one network read (a fast model sends many at once). */
function yieldToRender(): Promise<void> {
  if (document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

/** Streams one chat turn; resolves when the stream ends, rejects with ApiError before the stream starts. */
export async function streamChat(
  json: ChatRequest,
  onEvent: (e: TurnEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(json),
    credentials: 'same-origin',
    signal,
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody>;
    throw new ApiError(res.status, body.code ?? 'internal', body.message ?? res.statusText);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, '\n');
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n');
      if (!data) continue;
      const ev = JSON.parse(data) as TurnEvent;
      onEvent(ev);
      if (ev.type === 'text' && buffer.includes('\n\n')) await yieldToRender();
    }
  }
}
