// The ☆ under an answer of one's own conversation: saves it to the history page's saved answers.
import { useSignal } from '@preact/signals';
import { type AssistantMessage, current, me } from '../model.ts';
import { sw } from '../star-words.ts';
import { toggleStar } from '../stars.ts';

/** `n`: the answer's place in the conversation, so each button's name is distinct on the page. */
export function AnswerStar({ m, n }: { m: AssistantMessage; n: number }) {
  const status = useSignal('');
  const mine = current.value !== null && current.value.ownerId === String(me.value?.id);
  if (!mine || !m.turnId || m.status === 'streaming') return null;
  const w = sw.value;
  const on = Boolean(m.starredAt);
  return (
    <div class="answer-star">
      <button
        type="button"
        class={`small star-answer${on ? ' on' : ''}`}
        aria-pressed={on}
        aria-label={on ? w.unsaveOf(n) : w.saveOf(n)}
        onClick={async () => {
          try {
            await toggleStar(m);
            status.value = on ? '' : w.savedNote;
          } catch (e) {
            status.value = (e as Error).message;
          }
        }}
      >
        <span aria-hidden="true">{on ? '★ ' : '☆ '}</span>
        {on ? w.saved : w.save}
      </button>
      <span class="muted small" role="status">
        {status.value}
      </span>
    </div>
  );
}
