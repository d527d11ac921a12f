// Bringing one answer of the open conversation into view with focus on it (a saved answer opened from history).
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/**
 * Scrolls the answer of `turnId` to the top of its pane and moves focus to it, so a keyboard or screen-reader
 * user starts there too; waits up to `frames` frames for it to render. Whether it was found.
 */
export async function focusAnswer(turnId: string, root: ParentNode = document, frames = 120): Promise<boolean> {
  for (let i = 0; i <= frames; i++) {
    const el = [...root.querySelectorAll<HTMLElement>('[data-turn-id]')].find((x) => x.dataset.turnId === turnId);
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
      return true;
    }
    if (i < frames) await nextFrame();
  }
  return false;
}
