import type { AssistantMessage } from '../model.ts';
import { ask, busy } from '../model.ts';
import { renderMarkdown } from '../markdown.ts';
import { t } from '../i18n.ts';
import { ChartView } from './ChartView.tsx';
import { DataTable } from './DataTable.tsx';
import { Steps } from './Steps.tsx';

export function Answer({ m, last }: { m: AssistantMessage; last: boolean }) {
  return (
    <article class={`msg assistant ${m.status}`} aria-busy={m.status === 'streaming'}>
      <Steps steps={m.steps} />
      {m.text ? (
        // Sanitised by DOMPurify in renderMarkdown; nothing else reaches innerHTML.
        <div class="answer-text" dangerouslySetInnerHTML={{ __html: renderMarkdown(m.text) }} />
      ) : (
        m.status === 'streaming' && <p class="muted thinking">{t.value.thinking}</p>
      )}
      {m.ungrounded.length > 0 && (
        <div class="warning" role="note">
          {t.value.ungrounded} {m.ungrounded.join(', ')}
        </div>
      )}
      {m.charts.map((c, i) => (
        <ChartView key={i} spec={c} />
      ))}
      {m.tables.map((tb, i) => (
        <DataTable key={i} table={tb} />
      ))}
      {m.status === 'cancelled' && <p class="muted">{t.value.stopped}</p>}
      {m.status === 'error' && (
        <p class="error" role="alert">
          {t.value.error}: {m.error}
        </p>
      )}
      {last && m.status === 'done' && m.suggestions.length > 0 && (
        // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons; a fieldset would bring form styling
        <div class="chips" role="group" aria-label={t.value.followUps}>
          {m.suggestions.slice(0, 4).map((q) => (
            <button type="button" key={q} class="chip" disabled={busy.value} onClick={() => void ask(q)}>
              {q}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}
