import { t } from '../i18n.ts';
import {
  conversations,
  currentId,
  deleteConversation,
  newChat,
  openConversation,
  renameConversation,
  sidebarOpen,
  toggleSaved,
} from '../model.ts';

export function Sidebar() {
  return (
    <aside class={`sidebar${sidebarOpen.value ? ' open' : ''}`} aria-label={t.value.conversations}>
      <button type="button" class="primary new-chat" onClick={newChat}>
        + {t.value.newChat}
      </button>
      <h2>{t.value.conversations}</h2>
      <ul class="conv-list">
        {conversations.value.map((c) => (
          <li key={c.id} class={c.id === currentId.value ? 'active' : ''}>
            <button type="button" class="conv-title" title={c.title} onClick={() => void openConversation(c.id)}>
              {c.title}
            </button>
            <span class="conv-actions">
              <button
                type="button"
                class={`icon${c.saved ? ' on' : ''}`}
                title={t.value.saveHint}
                aria-label={c.saved ? t.value.saved : t.value.save}
                onClick={() => void toggleSaved(c)}
              >
                {c.saved ? '★' : '☆'}
              </button>
              <button
                type="button"
                class="icon"
                title={t.value.rename}
                aria-label={t.value.rename}
                onClick={() => {
                  const title = prompt(t.value.renamePrompt, c.title);
                  if (title?.trim()) void renameConversation(c.id, title.trim());
                }}
              >
                ✎
              </button>
              <button
                type="button"
                class="icon"
                title={t.value.delete}
                aria-label={t.value.delete}
                onClick={() => confirm(t.value.deleteConfirm) && void deleteConversation(c.id)}
              >
                ✕
              </button>
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
