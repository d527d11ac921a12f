// A tool's rows as a table a manager can read: titled in words, columns and id cells in the reader's
// language, numbers formatted by what they hold (src/protocol/table-words.ts). The CSV keeps the raw ids and values.
import { useSignal } from '@preact/signals';
import type { TableRecord } from '../../protocol/index.ts';
import { lang, t } from '../i18n.ts';
import { cellText, columnTitle, columnUnits, tableTitle } from '../../protocol/table-words.ts';
import { ScrollRegion } from './ScrollRegion.tsx';

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function download(table: TableRecord, title: string) {
  const csv = [
    table.columns.map(csvCell).join(','),
    ...table.rows.map((r) => table.columns.map((c) => csvCell(r[c])).join(',')),
  ].join('\r\n');
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'table'}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DataTable({ table }: { table: TableRecord }) {
  const sort = useSignal<{ col: string; dir: 1 | -1 } | null>(null);
  const rows = sort.value
    ? [...table.rows].sort((a, b) => {
        const { col, dir } = sort.value!;
        const x = a[col],
          y = b[col];
        if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
        return String(x ?? '').localeCompare(String(y ?? '')) * dir;
      })
    : table.rows;
  const shown = rows.slice(0, 200);
  const title = tableTitle(table, lang.value);
  const units = columnUnits(table);
  const head = (c: string) => columnTitle(c, lang.value);
  return (
    <figure class="table-block">
      <figcaption>
        <span>{title}</span>
        <button
          type="button"
          class="small"
          aria-label={t.value.downloadCsvOf(title)}
          onClick={() => download(table, title)}
        >
          {t.value.downloadCsv}
        </button>
      </figcaption>
      <ScrollRegion label={title}>
        <table>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th
                  key={c}
                  aria-sort={sort.value?.col === c ? (sort.value.dir === 1 ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    class="th"
                    aria-label={t.value.sortBy(head(c), title)}
                    onClick={() =>
                      (sort.value = { col: c, dir: sort.value?.col === c && sort.value.dir === 1 ? -1 : 1 })
                    }
                  >
                    {head(c)} {sort.value?.col === c ? (sort.value.dir === 1 ? '▲' : '▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                {table.columns.map((c) => (
                  <td key={c} class={typeof r[c] === 'number' ? 'num' : ''}>
                    {cellText(r, c, units[c], lang.value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {rows.length > shown.length && (
        <p class="muted small">
          {shown.length} / {rows.length} {t.value.rows}
        </p>
      )}
    </figure>
  );
}
