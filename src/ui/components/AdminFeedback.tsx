// The admins' list of answer ratings: question, the answer's start, rating, comment, who and when.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { FeedbackItem, FeedbackListResponse } from '../../protocol/feedback.ts';
import { api } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { tc } from '../i18n-conv.ts';
import { lang } from '../i18n.ts';
import { partLang } from '../text-lang.ts';
import { ScrollRegion } from './ScrollRegion.tsx';

export function AdminFeedback() {
  const items = useSignal<FeedbackItem[] | null>(null);
  const error = useSignal('');
  useEffect(() => {
    api<FeedbackListResponse>('/api/admin/feedback').then(
      (r) => (items.value = r.feedback),
      (e: Error) => (error.value = e.message),
    );
  }, []);
  const w = tc.value;
  return (
    <section class="admin-feedback" aria-labelledby="feedback-h">
      <h2 id="feedback-h">{w.feedbackTitle}</h2>
      {error.value && <p class="error">{error.value}</p>}
      {items.value?.length === 0 && <p class="muted">{w.feedbackNone}</p>}
      {items.value && items.value.length > 0 && (
        <ScrollRegion label={w.feedbackTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{w.fbQuestion}</th>
                <th scope="col">{w.fbAnswer}</th>
                <th scope="col">{w.fbRating}</th>
                <th scope="col">{w.fbComment}</th>
                <th scope="col">{w.fbUser}</th>
                <th scope="col">{w.fbDate}</th>
              </tr>
            </thead>
            <tbody>
              {items.value.map((f) => (
                <tr key={`${f.conversationId}/${f.turnId}`} class={`rating-${f.rating}`}>
                  <th scope="row" lang={partLang(f.question, lang.value)}>
                    {f.question}
                  </th>
                  <td class="answer-start" lang={partLang(f.answerStart, lang.value)}>
                    {f.answerStart}
                  </td>
                  <td>{f.rating === 'up' ? w.up : w.down}</td>
                  <td lang={partLang(f.comment ?? '', lang.value)}>{f.comment ?? ''}</td>
                  <td>{f.user}</td>
                  <td>{fmtDateTime(f.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
