// A box that scrolls sideways (a wide table on a phone) is a place keyboard users must reach: it takes focus
// and is named, so arrow keys scroll it and a screen reader says what it holds (axe: scrollable-region-focusable).
// A section with a name is a region landmark.
import type { ComponentChildren } from 'preact';

export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is only usable by keyboard if it takes focus
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
