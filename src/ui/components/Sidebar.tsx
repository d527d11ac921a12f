// The conversation list. On a phone it is a modal drawer: focus moves in and is trapped while it is open,
// Escape or a click on the backdrop closes it, and focus goes back to the toggle that opened it.
import { useEffect, useRef } from 'preact/hooks';
import { shownConversations } from '../deletion.ts';
import { trapKey, focusables } from '../focus.ts';
import { t } from '../i18n.ts';
import { drawerModal, phone } from '../media.ts';
import { newChat, sidebarOpen, view } from '../model.ts';
import { hw } from '../history-words.ts';
import { openHistory } from '../history.ts';
import { ConvItem } from './ConvItem.tsx';

export const SIDEBAR_ID = 'sidebar';
const close = () => (sidebarOpen.value = false);

function useDrawerFocus(ref: { current: HTMLElement | null }) {
  const modal = drawerModal.value;
  const wasModal = useRef(false);
  useEffect(() => {
    if (modal) focusables(ref.current!)[0]?.focus();
    else if (wasModal.current) document.querySelector<HTMLElement>('button.menu')?.focus();
    wasModal.current = modal;
  }, [modal]);
}

export function Sidebar() {
  const ref = useRef<HTMLDivElement>(null);
  useDrawerFocus(ref);
  const modal = drawerModal.value;
  return (
    <>
      {modal && (
        // A pointer shortcut, hidden from assistive technology: keyboards close the drawer with Escape.
        <div class="backdrop" aria-hidden="true" onClick={close} />
      )}
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is dialog or complementary, both named */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the keys belong to the dialog role it takes */}
      <div
        id={SIDEBAR_ID}
        ref={ref}
        class={`sidebar${sidebarOpen.value ? ' open' : ''}`}
        aria-label={t.value.conversations}
        role={modal ? 'dialog' : 'complementary'}
        aria-modal={modal ? 'true' : undefined}
        inert={phone.value && !sidebarOpen.value}
        onKeyDown={(e) => modal && trapKey(e, ref.current!, close)}
      >
        <button type="button" class="primary new-chat" onClick={newChat}>
          + {t.value.newChat}
        </button>
        <button
          type="button"
          class="history-link"
          aria-current={view.value === 'history' ? 'page' : undefined}
          onClick={openHistory}
        >
          {hw.value.history}
        </button>
        <h2>{t.value.conversations}</h2>
        <ul class="conv-list">
          {shownConversations.value.map((c) => (
            <ConvItem key={c.id} c={c} />
          ))}
        </ul>
      </div>
    </>
  );
}
