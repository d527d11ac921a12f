// Quiet substitutions: a turn that answered a different question than the one asked, under the same heading,
// without saying so. Counted per run beside the claims line (issue "Every claim true", item 4).
import { declinesUnanswerable } from './score.ts';

/** The answer says up front that it answers something nearby instead (EN + 中文). */
const SAYS_INSTEAD = [
  /\b(?:instead|nearest|closest|can(?:no|')t (?:answer|compute|tell)|(?:is|are) not (?:something|in the data|available)|no tool|none of my tools)\b/i,
  /改为|改用|最接近|无法(?:回答|计算|直接)|没有.{0,8}(?:工具|数据)/,
];

export interface SubstitutionInput {
  kind: string;
  answer: string;
  tools: string[];
  /** null = the case names no expected tools for this turn. */
  toolOk: boolean | null;
}

/**
 * True when the turn ran tools and answered, but either the question could not be answered from the data
 * (the case expects "the data cannot answer") or the tools it ran are not the ones the question needs, and
 * the answer does not say so. A refusal or an explicit "instead" is never quiet.
 */
export function isQuietSubstitution(t: SubstitutionInput): boolean {
  if (!t.tools.length) return false;
  const said = declinesUnanswerable(t.answer) || SAYS_INSTEAD.some((re) => re.test(t.answer));
  if (said) return false;
  if (t.kind === 'unanswerable') return true;
  return t.toolOk === false;
}

export function substitutionsLine(quiet: number, turns: number): string {
  return `  quiet substitutions ${quiet} in ${turns} turns (answered another question without saying so)`;
}
