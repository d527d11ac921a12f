// Thumbs up or down on an answer, then an optional comment. The rating is sent at once, so a click alone
// counts; the comment, if any, follows with the same rating.
import { useSignal } from '@preact/signals';
import { tc } from '../i18n-conv.ts';
import type { AssistantMessage } from '../model.ts';
import { currentId } from '../model.ts';
import { sendFeedback } from '../sharing.ts';

type Rating = 'up' | 'down';

export function Feedback({ m }: { m: AssistantMessage }) {
  const commenting = useSignal(false);
  const comment = useSignal('');
  const status = useSignal('');
  const conv = currentId.value;
  if (!conv || !m.turnId) return null;
  const turnId = m.turnId;
  const rating = m.feedback?.rating;
  const send = async (r: Rating, text?: string) => {
    try {
      await sendFeedback(conv, turnId, text ? { rating: r, comment: text } : { rating: r });
      status.value = tc.value.feedbackThanks;
    } catch (e) {
      status.value = (e as Error).message;
    }
  };
  const rate = (r: Rating) => {
    commenting.value = true;
    void send(r);
  };
  return (
    <div class="feedback">
      {(['up', 'down'] as const).map((r) => (
        <button
          key={r}
          type="button"
          class={`icon thumb ${r}${rating === r ? ' on' : ''}`}
          aria-pressed={rating === r}
          aria-label={r === 'up' ? tc.value.good : tc.value.bad}
          title={r === 'up' ? tc.value.good : tc.value.bad}
          onClick={() => rate(r)}
        >
          {r === 'up' ? '👍' : '👎'}
        </button>
      ))}
      {commenting.value && rating && (
        <form
          class="feedback-comment"
          onSubmit={(e) => {
            e.preventDefault();
            void send(rating, comment.value.trim()).then(() => (commenting.value = false));
          }}
        >
          <input
            type="text"
            maxLength={1000}
            aria-label={tc.value.feedbackComment}
            placeholder={tc.value.feedbackComment}
            value={comment.value}
            onInput={(e) => (comment.value = e.currentTarget.value)}
          />
          <button type="submit" class="small" disabled={!comment.value.trim()}>
            {tc.value.feedbackSend}
          </button>
        </form>
      )}
      <span class="muted small" role="status">
        {status.value}
      </span>
    </div>
  );
}
