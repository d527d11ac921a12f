// The undo toast for a deleted conversation. A status region, so it is announced without taking focus.
import { pendingDelete, undoDelete } from '../deletion.ts';
import { t } from '../i18n.ts';

export function Toast() {
  const c = pendingDelete.value;
  return (
    <div class="toast-region" role="status">
      {c && (
        <div class="toast">
          <span>{t.value.deleted(c.title)}</span>
          <button type="button" class="undo" onClick={undoDelete}>
            {t.value.undo}
          </button>
        </div>
      )}
    </div>
  );
}
