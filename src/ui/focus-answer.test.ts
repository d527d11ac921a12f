import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { focusAnswer } from './focus-answer.ts';

// A stand-in for the chat pane: answers rendered as elements with data-turn-id, recording scroll and focus.
function pane() {
  const log: string[] = [];
  const answers: { dataset: { turnId: string }; scrollIntoView: (o: unknown) => void; focus: (o: unknown) => void }[] =
    [];
  const add = (turnId: string) =>
    answers.push({
      dataset: { turnId },
      scrollIntoView: (o) => log.push(`scroll ${turnId} ${JSON.stringify(o)}`),
      focus: (o) => log.push(`focus ${turnId} ${JSON.stringify(o)}`),
    });
  const root = { querySelectorAll: () => answers } as unknown as ParentNode;
  return { root, add, log };
}

beforeEach(() => {
  globalThis.requestAnimationFrame = (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number;
});
afterEach(() => {
  delete (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame;
});

describe('opening a saved answer', () => {
  it('scrolls that answer to the top and focuses it, not another', async () => {
    const p = pane();
    p.add('a-1');
    p.add('a-2');
    expect(await focusAnswer('a-2', p.root, 0)).toBe(true);
    expect(p.log).toEqual(['scroll a-2 {"block":"start"}', 'focus a-2 {"preventScroll":true}']);
  });

  it('waits for the answer to render, and gives up after the frames allowed', async () => {
    const p = pane();
    setTimeout(() => p.add('late'), 5);
    expect(await focusAnswer('late', p.root, 50)).toBe(true);
    expect(await focusAnswer('missing', p.root, 2)).toBe(false);
  });
});
