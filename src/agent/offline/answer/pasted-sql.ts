// The answer to a pasted SELECT: the rows run_sql returned, as a table of the values exactly as they came back
// (so every figure is grounded), or why it did not run; for a role without run_sql, who can run it.
import type { Language } from '../../../protocol/turn.ts';
import type { Outcome } from '../outcome.ts';

const MAX_ROWS = 20;

/** A value as a Markdown table cell: one line, no markup that could take effect. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return s
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
    .slice(0, 80);
}

function table(columns: string[], rows: Record<string, unknown>[]): string[] {
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.slice(0, MAX_ROWS).map((r) => `| ${columns.map((c) => cell(r[c])).join(' | ')} |`),
  ];
}

export function renderPasted(outcomes: Outcome[], lang: Language): string {
  const zh = lang === 'zh';
  const o = outcomes.find((x) => x.name === 'run_sql');
  if (!o || o.error || !o.payload) {
    const why = o?.error?.message ?? (zh ? '没有返回结果' : 'no result came back');
    return zh
      ? `你的查询没有运行：${why}。请按提示修改后再发一次，或者直接用文字提问。`
      : `Your query did not run: ${why}. Change it as the message says and send it again, or ask the question in words.`;
  }
  const { columns, rows, summary } = o.payload;
  // The model part carries at most a capped number of rows; the summary counts the whole result.
  const total = Number(/^(\d+) rows?,/.exec(summary)?.[1] ?? rows.length);
  if (!total)
    return zh
      ? '查询已运行（只读，经过 SQL 安全检查），没有返回任何行。'
      : 'I ran your query (read-only, through the SQL guard); it returned no rows.';
  const n = Math.min(rows.length, MAX_ROWS);
  const shown = total > n ? (zh ? `，下面列出前 ${n} 行` : `; the first ${n} are shown`) : '';
  const head = zh
    ? `查询已运行（只读，经过 SQL 安全检查），返回 ${total} 行${shown}：`
    : `I ran your query (read-only, through the SQL guard). It returned ${total} row${total === 1 ? '' : 's'}${shown}:`;
  return [head, '', ...table(columns, rows)].join('\n');
}

/** A viewer pasted SQL: say who can run it and how to get the answer anyway. */
export function sqlIsForAnalysts(lang: Language): string {
  return lang === 'zh'
    ? '运行 SQL 仅限分析师（analyst）和管理员：你的角色不能运行 SQL 查询，所以我没有执行它。你可以直接用文字提问（例如“上个月各渠道的订单数”），我会用现成的分析来回答；或者请分析师帮你运行这条查询。'
    : 'Running SQL is for analysts and admins: your role can\'t run SQL queries, so I did not run it. Ask the same question in words (for example "orders by channel last month") and I\'ll answer it with the ready-made analyses, or ask an analyst to run the query for you.';
}
