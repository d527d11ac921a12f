// "Open as SQL": a query from an answer's steps put in the composer as a request to run it (run_sql), for an
// analyst to edit and send. The text is the fenced SQL after a lead-in, the form the agent reads as SQL to run;
// it goes through run_sql's checks like any typed query.

/** The composer takes at most this many characters. */
export const COMPOSER_MAX = 2000;

export const SQL_REQUEST_WORDS = {
  en: { lead: 'Run this SQL:', open: 'Open as SQL', openOf: (name: string) => `Open ${name} in the composer as SQL` },
  zh: { lead: '运行这段 SQL：', open: '作为 SQL 打开', openOf: (name: string) => `把${name}作为 SQL 放入输入框` },
} as const;

/** The request for `sql`, or null when it would not fit in the composer. */
export function sqlRequest(sql: string, l: 'en' | 'zh'): string | null {
  const text = `${SQL_REQUEST_WORDS[l].lead}\n\`\`\`sql\n${sql.trim()}\n\`\`\``;
  return text.length <= COMPOSER_MAX ? text : null;
}
