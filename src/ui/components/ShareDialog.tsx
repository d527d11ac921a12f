// "Share" beside an owned conversation: an in-page dialog makes the read-only link, copies it, or revokes it.
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { ConversationMeta } from '../../protocol/index.ts';
import { copyText } from '../clipboard.ts';
import { tc } from '../i18n-conv.ts';
import { createShare, revokeShare, shareUrl } from '../sharing.ts';

export function ShareDialog({ c }: { c: ConversationMeta }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const status = useSignal('');
  const link = c.shareToken ? shareUrl(`/share/${c.shareToken}`) : null;
  const run = async (fn: () => Promise<string>) => {
    try {
      status.value = await fn();
    } catch (e) {
      status.value = (e as Error).message;
    }
  };
  return (
    <>
      <button
        type="button"
        class="small share"
        aria-haspopup="dialog"
        onClick={() => {
          status.value = '';
          dialog.current?.showModal();
        }}
      >
        {tc.value.share}
      </button>
      <dialog ref={dialog} class="share-dialog" aria-labelledby="share-h">
        <h2 id="share-h">{tc.value.shareTitle}</h2>
        <p class="muted">{tc.value.shareExplain}</p>
        {link ? (
          <div class="share-link">
            <label>
              <span class="visually-hidden">{tc.value.shareLink}</span>
              <input type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <button
              type="button"
              class="primary copy-link"
              onClick={() => void run(async () => ((await copyText(link)) ? tc.value.shareCopied : ''))}
            >
              {tc.value.shareCopy}
            </button>
            <button
              type="button"
              class="revoke"
              onClick={() =>
                void run(async () => {
                  await revokeShare(c.id);
                  return tc.value.shareRevoked;
                })
              }
            >
              {tc.value.shareRevoke}
            </button>
          </div>
        ) : (
          <button
            type="button"
            class="primary create-link"
            onClick={() =>
              void run(async () => {
                await createShare(c.id);
                return '';
              })
            }
          >
            {tc.value.shareCreate}
          </button>
        )}
        <p class="small" role="status">
          {status.value}
        </p>
        <button type="button" class="close" onClick={() => dialog.current?.close()}>
          {tc.value.close}
        </button>
      </dialog>
    </>
  );
}
