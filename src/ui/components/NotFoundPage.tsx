// The page a link opens when its conversation cannot be shown: expired, someone else's, unknown, or a share
// link that no longer works. It says which, in words, instead of a blank home screen.
import { useEffect, useRef } from 'preact/hooks';
import { tc } from '../i18n-conv.ts';
import { newChat, type PageError } from '../model.ts';

export function NotFoundPage({ reason }: { reason: PageError }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [reason]);
  const [title, text] = tc.value.cannotOpen[reason] ?? tc.value.cannotOpen.not_found!;
  return (
    <section class={`cannot-open ${reason}`} aria-labelledby="cannot-open-h">
      <h2 id="cannot-open-h" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p>{text}</p>
      <button type="button" class="primary" onClick={newChat}>
        {tc.value.goHome}
      </button>
    </section>
  );
}
