// The head of a conversation opened from a share link: its title, who shared it, when, that it is read only,
// and the whole conversation's downloads (a manager forwards what they were sent).
import type { SharedConversation } from '../../protocol/share.ts';
import { fmtDay } from '../conv-dates.ts';
import { lang, t } from '../i18n.ts';
import { tc } from '../i18n-conv.ts';
import { exportPath } from './ExportLinks.tsx';

export function SharedHeader({ s }: { s: SharedConversation }) {
  const path = exportPath();
  return (
    <section class="shared-head" aria-label={tc.value.sharedLabel}>
      <h2>{s.conversation.title}</h2>
      <p class="muted small">{tc.value.sharedBy(s.conversation.sharedBy, fmtDay(s.conversation.createdAt))}</p>
      {path && (
        <div class="answer-tools">
          <a class="small" href={`${path}?format=md&lang=${lang.value}`} download>
            {t.value.exportMd}
          </a>
          <a class="small" href={`${path}?format=html&lang=${lang.value}`} target="_blank" rel="noopener">
            {t.value.print}
          </a>
        </div>
      )}
    </section>
  );
}
