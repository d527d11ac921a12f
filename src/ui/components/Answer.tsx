import { useSignal } from '@preact/signals';
import { copyText } from '../clipboard.ts';
import { t } from '../i18n.ts';
import { renderMarkdown } from '../markdown.ts';
import type { AssistantMessage } from '../model.ts';
import { ask, busy } from '../model.ts';
import { ChartView } from './ChartView.tsx';
import { Claims } from './Claims.tsx';
import { DataTable } from './DataTable.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { Steps } from './Steps.tsx';
import { Feedback } from './Feedback.tsx';
import { Regenerate } from './TurnControls.tsx';

function CopyButton({ text, question }: { text: string; question: string }) {
  const result = useSignal<'copied' | 'failed' | null>(null);
  return (
    <div class="answer-tools">
      <button
        type="button"
        class="small copy"
        aria-label={t.value.copyOf(question)}
        onClick={async () => {
          result.value = (await copyText(text)) ? 'copied' : 'failed';
          setTimeout(() => (result.value = null), 3000);
        }}
      >
        {t.value.copy}
      </button>
      <span class="muted small" role="status">
        {result.value === 'copied' ? t.value.copied : result.value === 'failed' ? t.value.copyFailed : ''}
      </span>
    </div>
  );
}

function FollowUps({ m }: { m: AssistantMessage }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons; a fieldset would bring form styling
    <div class="chips" role="group" aria-label={t.value.followUps}>
      {m.suggestions.slice(0, 4).map((q) => (
        <button type="button" key={q} class="chip" disabled={busy.value} onClick={() => void ask(q)}>
          {q}
        </button>
      ))}
    </div>
  );
}

/**
 * The latest answer carries the page's one live region, around its text only: the steps, charts and tables
 * are not read out. aria-busy holds the announcement until the stream ends, so it is read once, whole.
 */
export function Answer(p: { m: AssistantMessage; question: string; last: boolean; readOnly?: boolean }) {
  const { m, question, last, readOnly = false } = p;
  const streaming = m.status === 'streaming';
  return (
    <article class={`msg assistant ${m.status}`} aria-busy={streaming} aria-label={question || undefined}>
      <Steps steps={m.steps} />
      <div class="answer-live" aria-live={last ? 'polite' : undefined} aria-busy={last ? streaming : undefined}>
        {m.text ? (
          // Sanitised by DOMPurify in renderMarkdown; nothing else reaches innerHTML.
          <div class="answer-text" dangerouslySetInnerHTML={{ __html: renderMarkdown(m.text) }} />
        ) : (
          streaming && <p class="muted thinking">{t.value.thinking}</p>
        )}
        {m.status === 'cancelled' && <p class="muted stopped">{t.value.stopped}</p>}
        {m.status === 'error' && (
          <p class="error" role="alert">
            {t.value.error}: {m.error}
          </p>
        )}
      </div>
      {m.ungrounded.length > 0 && (
        <div class="warning" role="note">
          {t.value.ungrounded} {m.ungrounded.join(', ')}
        </div>
      )}
      <Claims claims={m.claims} />
      {m.charts.map((c, i) => (
        <ChartView key={i} spec={c} />
      ))}
      {m.tables.map((tb, i) => (
        <DataTable key={i} table={tb} />
      ))}
      {!streaming && m.text && <CopyButton text={m.text} question={question} />}
      {!streaming && !readOnly && (
        <div class="turn-actions">
          {last && <Regenerate question={question} />}
          <Feedback m={m} />
        </div>
      )}
      <ExportLinks m={m} question={question} />
      {last && m.status === 'done' && m.suggestions.length > 0 && <FollowUps m={m} />}
    </article>
  );
}
