// One answer's downloads, for everyone who may read it (viewers' exports leave the SQL out, server-side): Markdown, and the print view in a new tab, with the labels
// in the UI's language, as soon as the answer has its stored turn id (a UUID).
import { lang } from '../i18n.ts';
import { type AssistantMessage, currentId } from '../model.ts';

const TURN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LABELS = {
  en: { md: 'Export answer', html: 'Print view', of: (q: string) => ` of “${q}”` },
  zh: { md: '导出此回答', html: '打印视图', of: (q: string) => `：“${q}”` },
} as const;

export function ExportLinks({ m, question }: { m: AssistantMessage; question: string }) {
  const conversationId = currentId.value;
  // A streamed answer learns its turn id from the stream's end; one read back from the store has it as its id.
  const turnId = m.turnId ?? m.id;
  if (!conversationId || m.status !== 'done' || !TURN_ID.test(turnId)) return null;
  const l = LABELS[lang.value];
  const base = `/api/conversations/${encodeURIComponent(conversationId)}/export?turn=${turnId}&lang=${lang.value}`;
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
