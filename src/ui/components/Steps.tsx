import type { StepView } from '../model.ts';
import { seesSql } from '../model.ts';
import { t } from '../i18n.ts';

export function Steps({ steps }: { steps: StepView[] }) {
  if (!steps.length) return null;
  return (
    <details class="steps">
      <summary>
        {t.value.steps} ({steps.length})
      </summary>
      <ol>
        {steps.map((s) => (
          <li key={s.toolUseId} class={`step ${s.status}`}>
            <code class="tool">{s.tool}</code>
            {s.status === 'running' && <span class="muted"> · {t.value.running}</span>}
            {s.record && (
              <span class="muted">
                {' '}
                · {s.record.rowCount} {t.value.rows} · {Math.round(s.record.elapsedMs)} ms
              </span>
            )}
            {s.record?.error && <p class="error">{s.record.error.message}</p>}
            {seesSql.value &&
              s.record?.queries
                .filter((q) => q.sql)
                .map((q, i) => (
                  <pre key={i} class="sql">
                    <code>
                      {q.label ? `-- ${q.label}\n` : ''}
                      {q.sql}
                    </code>
                  </pre>
                ))}
          </li>
        ))}
      </ol>
    </details>
  );
}
