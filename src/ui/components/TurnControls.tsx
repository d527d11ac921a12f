// Regenerate (the last question asked again, as a new turn) and edit-and-resend (a question edited in place,
// sent as a new turn). Both leave the earlier turns as they were: the conversation is a record.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { tc } from '../i18n-conv.ts';
import { ask, busy } from '../model.ts';

export function Regenerate({ question }: { question: string }) {
  if (!question) return null;
  return (
    <button
      type="button"
      class="small regenerate"
      disabled={busy.value}
      aria-label={tc.value.regenerateOf(question)}
      onClick={() => void ask(question)}
    >
      <span aria-hidden="true">↻ </span>
      {tc.value.regenerate}
    </button>
  );
}

function EditForm({ text, done }: { text: string; done: () => void }) {
  const value = useSignal(text);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  const send = () => {
    const q = value.value.trim();
    if (!q || busy.value) return;
    done();
    void ask(q);
  };
  return (
    <form
      class="edit-question"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={area}
        rows={2}
        maxLength={2000}
        aria-label={tc.value.editLabel}
        value={value.value}
        onInput={(e) => (value.value = e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape') done();
        }}
      />
      <div class="edit-actions">
        <button type="button" class="small" onClick={done}>
          {tc.value.cancel}
        </button>
        <button type="submit" class="small primary" disabled={!value.value.trim() || busy.value}>
          {tc.value.resend}
        </button>
      </div>
    </form>
  );
}

/** A question in the conversation, with an Edit button that turns it into a form. */
export function EditableQuestion({ text, readOnly }: { text: string; readOnly: boolean }) {
  const editing = useSignal(false);
  if (editing.value) return <EditForm text={text} done={() => (editing.value = false)} />;
  return (
    <>
      <p>{text}</p>
      {!readOnly && (
        <button
          type="button"
          class="link small edit"
          disabled={busy.value}
          aria-label={tc.value.editOf(text)}
          onClick={() => (editing.value = true)}
        >
          <span aria-hidden="true">✎ </span>
          {tc.value.edit}
        </button>
      )}
    </>
  );
}
