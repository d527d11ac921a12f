import { t } from '../i18n.ts';
import { ask, busy, draft, stop } from '../model.ts';

export function Composer() {
  const text = draft;
  const send = () => {
    const q = text.value;
    if (!q.trim() || busy.value) return;
    text.value = '';
    void ask(q);
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        id="composer"
        rows={2}
        maxLength={2000}
        placeholder={t.value.askPlaceholder}
        aria-label={t.value.askPlaceholder}
        value={text.value}
        onInput={(e) => (text.value = e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter sends; Shift+Enter keeps the newline; IME composition (Chinese input) must not send.
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      {busy.value ? (
        <button type="button" class="stop" onClick={stop}>
          {t.value.stop}
        </button>
      ) : (
        <button type="submit" class="primary" disabled={!text.value.trim()}>
          {t.value.send}
        </button>
      )}
    </form>
  );
}
