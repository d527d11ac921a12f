// The benchmark question format (eval/questions/*.json) and its loader. A case is one conversation:
// one or more turns, each with what a right answer must show. Gold answers are SQL evaluated on the
// eval database or literal values; answers are compared by value, never by SQL text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TidelensError } from '../../src/errors.ts';

const Gold = z
  .object({
    /** Portable SELECT over the analytics tables; every numeric cell of its result is a gold value. */
    sql: z.string().min(1).optional(),
    values: z.array(z.number()).optional(),
    /** Relative tolerance on top of the rounding the answer's number implies; default 0.002. */
    tolerance: z.number().min(0).max(0.5).optional(),
    /** Where the values must appear: in the answer text (default) or anywhere in the tool results. */
    in: z.enum(['answer', 'results']).default('answer'),
    /** Text cells of the gold result must appear in the answer too (product names, countries). */
    labels: z.boolean().default(false),
  })
  .refine((g) => g.sql || g.values, 'gold needs sql or values');

export const Expect = z.object({
  /**
   * value: gold numbers must appear; why: expected causes; refuse: must decline (personal data, writes,
   * injection); unanswerable: must say the data cannot answer; premise: the question's premise is false
   * and the answer must give the real direction; safe: any real answer, scored on leaks, writes and
   * planted instructions (injection text in the data).
   */
  kind: z.enum(['value', 'why', 'refuse', 'unanswerable', 'premise', 'safe']),
  /** Any of these tools is a right choice; [] = no data tool should run; absent = not scored. */
  tools: z.array(z.string()).optional(),
  gold: Gold.optional(),
  /** Manifest event ids a why-answer must name. */
  causes: z.array(z.string()).optional(),
  /** The real direction of the change, for premise cases. */
  direction: z.enum(['up', 'down']).optional(),
  /** Case-insensitive regexes the answer must not match (e.g. text planted by an injection). */
  forbid: z.array(z.string()).default([]),
  /** Case-insensitive regexes the answer must all match: what it has to say ("nothing was out of stock"). */
  says: z.array(z.string()).default([]),
  /** Tools that must not run in this turn: a viewer's pasted SQL is answered without run_sql. */
  never: z.array(z.string()).default([]),
  /** No claim sentence of the answer may be contradicted by the tools' findings (the claims set). */
  consistent: z.boolean().default(false),
});
export type Expect = z.infer<typeof Expect>;

const Turn = z.object({ question: z.string().min(1), expect: Expect });
export type Turn = z.infer<typeof Turn>;

const CaseIn = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  tags: z.array(z.string()).min(1),
  language: z.enum(['en', 'zh']),
  question: z.string().optional(),
  expect: Expect.optional(),
  /** Multi-turn cases: the first question and its follow-ups, in order. */
  turns: z.array(Turn).min(1).max(4).optional(),
  /** Who asks: the tools offered follow the role (a viewer has no run_sql). Default: the eval's user, an analyst. */
  role: z.enum(['analyst', 'viewer']).optional(),
});

export interface Case {
  id: string;
  tags: string[];
  language: 'en' | 'zh';
  turns: Turn[];
  /** The file it came from: main set, held-out, or the claims category's own main and held-out sets. */
  set: 'main' | 'heldout' | 'claims' | 'claims-heldout' | 'claims-paraphrase';
  /** The case file's name without .json (multi-turn, why, values...): `--filter set:multi-turn` runs that file. */
  file?: string;
  /** The asker's role when the case names one; else the eval's user (an analyst unless TIDELENS_CLI_ROLE says). */
  role?: 'analyst' | 'viewer';
}

export function parseCases(raw: unknown, set: Case['set'], where: string, file?: string): Case[] {
  const arr = z.array(CaseIn).safeParse(raw);
  if (!arr.success) {
    const i = arr.error.issues[0]!;
    throw new TidelensError('bad_input', `${where}: ${i.path.join('.')}: ${i.message}`);
  }
  return arr.data.map((c) => {
    const turns = c.turns ?? (c.question && c.expect ? [{ question: c.question, expect: c.expect }] : null);
    if (!turns) throw new TidelensError('bad_input', `${where}: case ${c.id} needs question + expect, or turns`);
    return {
      id: c.id,
      tags: c.tags,
      language: c.language,
      turns,
      set,
      ...(file ? { file } : {}),
      ...(c.role ? { role: c.role } : {}),
    };
  });
}

export const QUESTIONS_DIR = 'eval/questions';
export const HELDOUT_FILE = 'heldout.json';
/**
 * Files that are a set of their own; every other file is the main set. The claims sets have their own
 * floors (thresholds.json "sets"), so a new, harder category does not move the floors of the others.
 */
export const SET_FILES: Readonly<Record<string, Case['set']>> = {
  [HELDOUT_FILE]: 'heldout',
  'claims.json': 'claims',
  'claims-heldout.json': 'claims-heldout',
  /** Development paraphrases of the claims set: new wordings to tune the reading on, never the held-out ones. */
  'claims-paraphrase.json': 'claims-paraphrase',
  /** More development paraphrases: questions that name something no table holds, in many wordings. */
  'claims-paraphrase-untracked.json': 'claims-paraphrase',
  /** Development paraphrases of questions the data cannot answer: the future, years outside the data, the world outside. */
  'claims-paraphrase-outside.json': 'claims-paraphrase',
  /** Development paraphrases of requests to refuse: personal data, writes and injections, asked sideways. */
  'claims-paraphrase-refusals.json': 'claims-paraphrase',
  /** Development paraphrases of everyday asks: amounts, shares, extremes, follow-ups, in new shapes. */
  'claims-paraphrase-everyday.json': 'claims-paraphrase',
};
export const SETS: readonly Case['set'][] = ['main', 'heldout', 'claims', 'claims-heldout', 'claims-paraphrase'];

/** Every case file in the folder, in the set SET_FILES names (else main). Ids must be unique across files. */
export function loadCases(dir = QUESTIONS_DIR): Case[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'dataset.json')
    .sort();
  const out: Case[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const path = join(dir, f);
    const file = f.replace(/\.json$/, '');
    for (const c of parseCases(JSON.parse(readFileSync(path, 'utf8')), SET_FILES[f] ?? 'main', path, file)) {
      if (seen.has(c.id)) throw new TidelensError('bad_input', `${path}: case id "${c.id}" is used twice`);
      seen.add(c.id);
      out.push(c);
    }
  }
  return out;
}

/**
 * --filter: a tag, a set name (main, heldout) or a case id; comma-separated means any of them. `set:NAME` matches
 * the set only: a set name that is also a tag (claims) would otherwise pull in held-out cases carrying that tag. A
 * file of the main set is a set by its name too (`set:multi-turn`, `set:why`), never a held-out file's.
 */
export function filterCases(cases: Case[], filter: string | undefined): Case[] {
  if (!filter) return cases;
  const wanted = filter
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const matches = (c: Case, w: string) =>
    w.startsWith('set:')
      ? c.set === w.slice(4) || (c.set === 'main' && c.file === w.slice(4))
      : c.tags.includes(w) || c.set === w || c.id === w;
  return cases.filter((c) => wanted.some((w) => matches(c, w)));
}
