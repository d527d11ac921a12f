import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { type ChartSpec, localizeChart, type TableRecord } from '../../protocol/index.ts';
import { type Briefing, briefing, briefingFrom, isVerified, type Section } from '../briefing.ts';
import { bw } from '../briefing-words.ts';
import { summarizeChart } from '../chart-summary.ts';
import { copyText } from '../clipboard.ts';
import { lang, t } from '../i18n.ts';
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
import { tableTitle } from '../../protocol/table-words.ts';
import { findingsOf, takeawaysFrom } from '../takeaways.ts';

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

// Printing (and saving as PDF) shows the whole answer: the folded sections open first.
globalThis.addEventListener?.('beforeprint', () => {
  for (const d of document.querySelectorAll<HTMLDetailsElement>('details.detail')) d.open = true;
});

/** A folded section; what it holds is drawn on first opening (a chart needs its width to draw). */
function Fold(p: { title: string; lazy?: boolean; children: ComponentChildren }) {
  const opened = useSignal(!p.lazy);
  return (
    <details class="detail" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && (opened.value = true)}>
      <summary>{p.title}</summary>
      {opened.value && p.children}
    </details>
  );
}

function chartTitle(drawn: ChartSpec): string {
  const spec = localizeChart(drawn, lang.value);
  return summarizeChart(spec)?.title || (typeof spec.title === 'string' ? spec.title : '') || t.value.chart;
}

function tableFold(tb: TableRecord, i: number) {
  return (
    <Fold key={`t${i}`} title={bw.value.tableSection(tableTitle(tb, lang.value))}>
      <DataTable table={tb} />
    </Fold>
  );
}

/** The answer as written, for answers without a chart: short enough to read whole. */
function Plain({ m }: { m: AssistantMessage }) {
  if (m.text) {
    // Sanitised by DOMPurify in renderMarkdown; nothing else reaches innerHTML.
    return <div class="answer-text" dangerouslySetInnerHTML={{ __html: renderMarkdown(m.text) }} />;
  }
  return m.status === 'streaming' ? <p class="muted thinking">{t.value.thinking}</p> : null;
}

/**
 * A briefing's first lines: the opening's sentences with rounded figures (src/ui/briefing.ts). A line the
 * claim check verified against the tools' findings says so.
 */
function Takeaways({ b, m }: { b: Briefing; m: AssistantMessage }) {
  if (!b.takeaways.length) return m.status === 'streaming' ? <p class="muted thinking">{t.value.thinking}</p> : null;
  const verified = m.claims?.verified.map((n) => n.sentence) ?? [];
  return (
    <ul class="takeaways" aria-label={bw.value.keyPoints}>
      {b.takeaways.map((line, i) => (
        <li key={i}>
          {line}
          {isVerified(b.exact[i] ?? '', verified) && (
            <span class="checked" title={bw.value.checked}>
              {' '}
              <span aria-hidden="true">✓</span>
              <span class="visually-hidden">{bw.value.checked}</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The rest of the answer's words, exact, in folded sections titled by their lead-in lines. */
function Sections({ sections }: { sections: Section[] }) {
  if (!sections.length) return null;
  return (
    <div class="answer-text answer-detail">
      {sections.map((sec, i) => (
        <details class="detail" key={i}>
          <summary>{sec.title || bw.value.moreDetail}</summary>
          {/* Sanitised by DOMPurify in renderMarkdown. */}
          <div dangerouslySetInnerHTML={{ __html: renderMarkdown(sec.markdown) }} />
        </details>
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
  const [main, ...more] = m.charts;
  const status = (
    <>
      {m.status === 'cancelled' && <p class="muted stopped">{t.value.stopped}</p>}
      {m.status === 'error' && (
        <p class="error" role="alert">
          {t.value.error}: {m.error}
        </p>
      )}
    </>
  );
  const warnings = (
    <>
      {m.ungrounded.length > 0 && (
        <div class="warning" role="note">
          {t.value.ungrounded} {m.ungrounded.join(', ')}
        </div>
      )}
      <Claims claims={m.claims} />
    </>
  );
  // An answer with a chart reads as a briefing: takeaways, the main chart, then the rest folded away.
  // Its takeaways come from the tools' findings when the turn carries them (turns stored before keep the prose's).
  // A stopped answer keeps the prose it had streamed on top: that partial text is what the reader stopped.
  const lines = main && m.status !== 'cancelled' ? takeawaysFrom(findingsOf(m.steps), lang.value) : [];
  const brief = !main
    ? null
    : lines.length
      ? briefingFrom(m.text, lang.value, lines, streaming)
      : briefing(m.text, lang.value, streaming);
  return (
    <article
      class={`msg assistant ${m.status}${brief ? ' briefing' : ''}`}
      aria-busy={streaming}
      aria-label={question || undefined}
      // A saved answer opened from the history page is scrolled to and focused by its turn id (focus-answer.ts).
      data-turn-id={m.turnId ?? m.id}
      tabIndex={-1}
    >
      {!brief && <Steps steps={m.steps} />}
      <div class="answer-live" aria-live={last ? 'polite' : undefined} aria-busy={last ? streaming : undefined}>
        {brief ? <Takeaways b={brief} m={m} /> : <Plain m={m} />}
        {status}
      </div>
      {brief && main ? (
        <>
          <ChartView spec={main} />
          {warnings}
          <Sections sections={brief.sections} />
          {more.map((c, i) => (
            <Fold key={`c${i}`} title={bw.value.chartSection(chartTitle(c))} lazy>
              <ChartView spec={c} />
            </Fold>
          ))}
          {m.tables.map(tableFold)}
          <Steps steps={m.steps} />
        </>
      ) : (
        <>
          {warnings}
          {m.tables.map((tb, i) => (
            <DataTable key={i} table={tb} />
          ))}
        </>
      )}
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
