// The undo toast for a deleted conversation. A status region, so it is announced. The delete button that
// was pressed is gone with its row, so focus moves to Undo; when the toast goes, to "New chat".
import { useEffect, useRef } from 'preact/hooks';
import { pendingDelete, undoDelete } from '../deletion.ts';
import { t } from '../i18n.ts';

export function Toast() {
  const c = pendingDelete.value;
  const undo = useRef<HTMLButtonElement>(null);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (c && lost) undo.current?.focus();
    return () => {
      const inToast = region.current?.contains(document.activeElement);
      if (c && (inToast || document.activeElement === document.body))
        document.querySelector<HTMLElement>('.new-chat')?.focus();
    };
  }, [c]);
  return (
    <div class="toast-region" role="status" ref={region}>
      {c && (
        <div class="toast">
          <span>{t.value.deleted(c.title)}</span>
          <button type="button" class="undo" ref={undo} onClick={undoDelete}>
            {t.value.undo}
          </button>
        </div>
      )}
    </div>
  );
}
