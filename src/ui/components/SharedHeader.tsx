// The head of a conversation opened from a share link: its title, who shared it, when, and that it is read only.
import type { SharedConversation } from '../../protocol/share.ts';
import { fmtDay } from '../conv-dates.ts';
import { tc } from '../i18n-conv.ts';

export function SharedHeader({ s }: { s: SharedConversation }) {
  return (
    <section class="shared-head" aria-label={tc.value.sharedLabel}>
      <h2>{s.conversation.title}</h2>
      <p class="muted small">{tc.value.sharedBy(s.conversation.sharedBy, fmtDay(s.conversation.createdAt))}</p>
    </section>
  );
}
