// The steps behind an answer. Every reader sees, in words, which vetted template answered and what it was
// asked; analysts also see each query with its values filled in for reading, and can copy it.
import { useSignal } from '@preact/signals';
import { callSubject, FREE_SQL_TOOLS, toolLabel, type ExecutedQuery } from '../../protocol/index.ts';
import { bw } from '../briefing-words.ts';
import { copyText } from '../clipboard.ts';
import type { StepView } from '../model.ts';
import { seesSql } from '../model.ts';
import { lang, t } from '../i18n.ts';
import { inlineParams } from '../sql-inline.ts';
import { openAsSql, sqlWords } from '../open-sql.ts';
import { sqlRequest } from '../sql-request.ts';

function stepWords(s: StepView): string {
  if (FREE_SQL_TOOLS.has(s.tool)) return t.value.freeSql;
  const what = callSubject(s.tool, s.input)?.[lang.value] ?? '';
  return t.value.verifiedTemplate(toolLabel(s.tool, lang.value), what);
}

/** `name` tells the copy buttons apart in the reader's language (the query's own label is English). */
function QuerySql({ q, name }: { q: ExecutedQuery; name: string }) {
  const copied = useSignal(false);
  const inlined = inlineParams(q.sql, q.params);
  const text = `${q.label ? `-- ${q.label}\n` : ''}${inlined}`;
  const copy = async () => {
    copied.value = await copyText(text);
    if (copied.value) setTimeout(() => (copied.value = false), 1500);
  };
  return (
    <div class="sql-block">
      <pre class="sql">
        <code>{text}</code>
      </pre>
      <button type="button" class="small" aria-label={t.value.copySqlOf(name)} onClick={() => void copy()}>
        {copied.value ? t.value.copied : t.value.copySql}
      </button>
      {sqlRequest(inlined, lang.value) && (
        <button
          type="button"
          class="small open-sql"
          aria-label={sqlWords.value.openOf(name)}
          onClick={() => openAsSql(inlined)}
        >
          {sqlWords.value.open}
        </button>
      )}
    </div>
  );
}

export function Steps({ steps }: { steps: StepView[] }) {
  if (!steps.length) return null;
  const showSql = seesSql.value && steps.some((s) => s.record?.queries.some((q) => q.sql && q.params.length));
  return (
    <details class="steps">
      <summary>
        {t.value.steps} ({steps.length})
      </summary>
      <ol>
        {steps.map((s) => (
          <li key={s.toolUseId} class={`step ${s.status}`}>
            <span class="step-what">{stepWords(s)}</span>
            {s.status === 'running' && <span class="muted"> · {t.value.running}</span>}
            {s.record && (
              <span class="muted small">
                {' '}
                · {t.value.queries(s.record.queries.length)} · {s.record.rowCount} {t.value.rows} ·{' '}
                {bw.value.ms(Math.round(s.record.elapsedMs))}
              </span>
            )}
            {seesSql.value && (
              <span class="muted small">
                {' '}
                · <code class="tool">{s.tool}</code>
              </span>
            )}
            {s.record?.error && <p class="error">{s.record.error.message}</p>}
            {seesSql.value &&
              s.record?.queries
                .filter((q) => q.sql)
                .map((q, i, all) => (
                  <QuerySql key={i} q={q} name={bw.value.queryName(stepWords(s), i + 1, all.length)} />
                ))}
          </li>
        ))}
      </ol>
      {showSql && <p class="muted small">{t.value.sqlInlined}</p>}
    </details>
  );
}
