// The first sentence of an answer whose question left a value out ("monthly sales excluding Amazon") where only a
// single total can leave it out (plan/free-sql.ts): it says the value is still in, so the figures are never read as
// the rest without it.
import type { Intent } from '../intent.ts';
import { valueLabel } from './format.ts';

export function excludedLead(i: Intent): string[] {
  if (!i.exclude || i.kind === 'free_sql') return [];
  const left = valueLabel(i.exclude.value, i.language);
  return [
    i.language === 'zh'
      ? `这类分析无法去掉“${left}”单独计算（只有单个总数可以），下面的数字包含${left}。`
      : `This kind of answer cannot leave ${left} out (only a single total can), so the figures below include ${left}.`,
  ];
}
