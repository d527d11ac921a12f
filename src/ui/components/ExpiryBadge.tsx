// "expires in 2 days · keep" under an unsaved conversation: the expiry is visible, and keeping it is one click.
import type { ConversationMeta } from '../../protocol/index.ts';
import { daysLeft } from '../conv-dates.ts';
import { tc } from '../i18n-conv.ts';
import { toggleSaved } from '../model.ts';

export function ExpiryBadge({ c }: { c: ConversationMeta }) {
  const days = daysLeft(c.expiresAt);
  if (c.saved || days === null) return null;
  return (
    <span class="expiry">
      <span>{tc.value.expiresIn(days)}</span>
      {' · '}
      <button
        type="button"
        class="link keep"
        title={tc.value.keepHint}
        aria-label={tc.value.keepNow(c.title, days)}
        onClick={() => void toggleSaved(c)}
      >
        {tc.value.keep}
      </button>
    </span>
  );
}
