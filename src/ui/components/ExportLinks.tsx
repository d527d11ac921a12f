// One answer's downloads, for everyone who may read it (viewers' exports leave the SQL out, server-side): Markdown, and the print view in a new tab, with the labels
// in the UI's language, as soon as the answer has its stored turn id (a UUID). On a share link's page the same
// files come through the link's token, redacted as the page is.
import { lang } from '../i18n.ts';
import { type AssistantMessage, currentId, shared } from '../model.ts';

const TURN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHARE_PATH = /^\/share\/([A-Za-z0-9_-]{1,64})$/;

const LABELS = {
  en: { md: 'Export answer', html: 'Print view', of: (q: string) => ` of “${q}”` },
  zh: { md: '导出此回答', html: '打印视图', of: (q: string) => `：“${q}”` },
} as const;

/** Where the open conversation exports from (query string still to add); null while there is nothing to export. */
export function exportPath(): string | null {
  if (shared.value) {
    const token = SHARE_PATH.exec(location.pathname)?.[1];
    return token ? `/api/share/${token}/export` : null;
  }
  const id = currentId.value;
  return id ? `/api/conversations/${encodeURIComponent(id)}/export` : null;
}

export function ExportLinks({ m, question }: { m: AssistantMessage; question: string }) {
  const path = exportPath();
  // A streamed answer learns its turn id from the stream's end; one read back from the store has it as its id.
  const turnId = m.turnId ?? m.id;
  if (!path || m.status !== 'done' || !TURN_ID.test(turnId)) return null;
  const l = LABELS[lang.value];
  const base = `${path}?turn=${turnId}&lang=${lang.value}`;
  return (
    <div class="answer-tools">
      <a class="small" href={`${base}&format=md`} download aria-label={l.md + l.of(question)}>
        {l.md}
      </a>
      <a class="small" href={`${base}&format=html`} target="_blank" rel="noopener" aria-label={l.html + l.of(question)}>
        {l.html}
      </a>
    </div>
  );
}
