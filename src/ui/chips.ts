// An answer's inputs as chips: which of a tool call's inputs a reader may change, the values each may take
// (from the server's options: the data's months, the tool's own enums, the data's countries and categories),
// their words in the UI language, and the input a changed chip sends. Pure: no signals, no DOM.
import { changeLines, chipValueWords } from '../protocol/edited-words.ts';
import { CHIP_KEYS, type ChipKey, type Edited, type RerunOptions } from '../protocol/rerun.ts';
import type { Language } from '../protocol/vocabulary.ts';

export interface ChipChoice {
  /** The select's value: the input value as JSON, or '' for "not set". */
  value: string;
  label: string;
}

export interface Chip {
  key: ChipKey;
  /** The input key it edits (a breakdown's `by` may be `dimension` in another tool). */
  inputKey: string;
  value: string;
  label: string;
  choices: ChipChoice[];
}

export interface ChipTarget {
  tool: string;
  input: Record<string, unknown>;
}

/** Filters: unset means "all"; the other chips: unset means the tool's default. */
const FILTERS: ReadonlySet<ChipKey> = new Set(['channel', 'country', 'category', 'device']);
const BY_KEYS = ['by', 'dimension'] as const;

/** The input key a chip edits in a tool that takes `keys`; undefined when the tool has no such input. */
function inputKeyOf(key: ChipKey, keys: readonly string[]): string | undefined {
  if (key === 'by') return BY_KEYS.find((k) => keys.includes(k));
  if (key === 'metric' && !keys.includes('metric') && keys.includes('metrics')) return 'metrics';
  return keys.includes(key) ? key : undefined;
}

/** The first step an answer's chips belong to: a vetted template or explain_change that ran without error. */
export function chipTarget(
  steps: readonly { tool: string; input: unknown; status: string }[],
  options: RerunOptions | null,
): ChipTarget | null {
  if (!options) return null;
  const s = steps.find((x) => x.status === 'done' && Object.hasOwn(options.tools, x.tool));
  if (!s) return null;
  const input = s.input && typeof s.input === 'object' && !Array.isArray(s.input) ? s.input : {};
  return { tool: s.tool, input: input as Record<string, unknown> };
}

/** A chip value in words (src/protocol/edited-words.ts, shared with the exports). */
export const valueWords = chipValueWords;

const encode = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

function choicesFor(key: ChipKey, inputKey: string, tool: string, o: RerunOptions): unknown[] {
  const enums = o.tools[tool]?.values[inputKey] ?? [];
  if (key === 'period') return o.months;
  if (key === 'country') return o.countries;
  if (key === 'category') return o.categories;
  return enums;
}

/**
 * The chips of one call: every chip key the tool takes, its current value and the values it may take.
 * `unsetWords(key)` names "not set" (all channels, the default period, …).
 */
export function chipsFor(
  target: ChipTarget,
  o: RerunOptions,
  lang: Language,
  unsetWords: (key: ChipKey) => string,
): Chip[] {
  const keys = o.tools[target.tool]?.keys ?? [];
  const out: Chip[] = [];
  for (const key of CHIP_KEYS) {
    const inputKey = inputKeyOf(key, keys);
    if (!inputKey) continue;
    const cur = target.input[inputKey];
    // A tool that compares several metrics (`metrics`) is steered to one at a time: each choice is a list of one.
    const list = inputKey === 'metrics';
    const values = choicesFor(key, inputKey, target.tool, o).map((v) => (list ? [v] : v));
    if (!values.length && cur === undefined) continue;
    const choices: ChipChoice[] = [];
    // "Not set" is offered for filters (all), and kept for the others only while it is the current value.
    if (FILTERS.has(key) || cur === undefined) choices.push({ value: '', label: unsetWords(key) });
    const seen = new Set<string>();
    for (const v of cur !== undefined ? [cur, ...values] : values) {
      const value = encode(v);
      if (seen.has(value)) continue;
      seen.add(value);
      choices.push({ value, label: valueWords(key, v, lang) });
    }
    const label = cur === undefined ? unsetWords(key) : valueWords(key, cur, lang);
    out.push({ key, inputKey, value: encode(cur), label, choices });
  }
  return out;
}

/** The input a changed chip sends: the old input with one key set to the chosen value, or removed. */
export function withChoice(input: Record<string, unknown>, inputKey: string, value: string): Record<string, unknown> {
  const next = { ...input };
  if (value === '') delete next[inputKey];
  else next[inputKey] = JSON.parse(value) as unknown;
  return next;
}

/** "Period: July 2025 → June 2025" for each change of an edited turn, in `lang`. */
export function editedWords(
  e: Edited,
  lang: Language,
  keyWords: (key: ChipKey) => string,
  unsetWords: (key: ChipKey) => string,
): string[] {
  const each = (f: (k: ChipKey) => string) =>
    Object.fromEntries(CHIP_KEYS.map((k) => [k, f(k)])) as Record<ChipKey, string>;
  return changeLines(e, lang, { key: each(keyWords), unset: each(unsetWords) });
}
