// One conversation in the sidebar: open it, keep it, rename it in place (no prompt()), delete it with undo.
// Every button names its conversation, so a screen reader's list of controls tells them apart.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ConversationMeta } from '../../protocol/index.ts';
import { fmtDay } from '../conv-dates.ts';
import { deleteWithUndo } from '../deletion.ts';
import { lang, t } from '../i18n.ts';
import { currentId, openConversation, renameConversation, toggleSaved } from '../model.ts';
import { partLang } from '../text-lang.ts';
import { ExpiryBadge } from './ExpiryBadge.tsx';

function RenameField({ c, done }: { c: ConversationMeta; done: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  let finished = false;
  const finish = (save: boolean) => {
    if (finished) return;
    finished = true;
    const title = input.current?.value.trim() ?? '';
    if (save && title && title !== c.title) void renameConversation(c.id, title);
    done();
  };
  return (
    <input
      ref={input}
      class="conv-rename"
      defaultValue={c.title}
      maxLength={200}
      aria-label={t.value.newTitleOf(c.title)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') {
          e.stopPropagation(); // Escape cancels the rename, not the drawer around it
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
    />
  );
}

export function ConvItem({ c }: { c: ConversationMeta }) {
  const editing = useSignal(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const stopEditing = () => {
    editing.value = false;
    setTimeout(() => renameButton.current?.focus());
  };
  return (
    <li class={c.id === currentId.value ? 'active' : ''}>
      <div class="conv-main">
        {editing.value ? (
          <RenameField c={c} done={stopEditing} />
        ) : (
          <button
            type="button"
            class="conv-title"
            title={c.title}
            aria-current={c.id === currentId.value ? 'page' : undefined}
            onClick={() => void openConversation(c.id)}
          >
            <span class="conv-title-text" lang={partLang(c.title, lang.value)}>
              {c.title}
            </span>
          </button>
        )}
        <span class="conv-meta muted">
          <time dateTime={c.updatedAt}>{fmtDay(c.updatedAt)}</time>
          {c.shareToken && <span aria-hidden="true"> · 🔗</span>}
          {!c.saved && ' · '}
          <ExpiryBadge c={c} />
        </span>
      </div>
      <span class="conv-actions">
        <button
          type="button"
          class={`icon${c.saved ? ' on' : ''}`}
          title={t.value.saveHint}
          aria-label={c.saved ? t.value.keptOf(c.title) : t.value.keepOf(c.title)}
          aria-pressed={c.saved}
          onClick={() => void toggleSaved(c)}
        >
          {c.saved ? '★' : '☆'}
        </button>
        <button
          ref={renameButton}
          type="button"
          class="icon rename"
          title={t.value.rename}
          aria-label={t.value.renameOf(c.title)}
          onClick={() => (editing.value = true)}
        >
          ✎
        </button>
        <button
          type="button"
          class="icon delete"
          title={t.value.delete}
          aria-label={t.value.deleteOf(c.title)}
          onClick={() => deleteWithUndo(c)}
        >
          ✕
        </button>
      </span>
    </li>
  );
}
