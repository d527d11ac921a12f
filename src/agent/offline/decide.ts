// One model call of the offline model: the conversation so far → the next step (tool calls, or the answer).
// It re-reads the whole conversation on every call (no hidden state): the user questions give the intents
// (understand/), the intent gives the calls (plan/), this turn's tool results give the answer (answer/).
import { TidelensError } from '../../errors.ts';
import type { DataRange } from '../../tools/types.ts';
import type { Message, ToolSpec } from '../providers/types.ts';
import { compose } from './answer/compose.ts';
import { trouble } from './answer/suggest.ts';
import { scopeText } from './answer/read.ts';
import { unknownCampaignText } from './answer/unknown-campaign.ts';
import { readExplanation } from './answer/explain-read.ts';
import type { Filters, Intent } from './intent.ts';
import { readOutcomes, type Outcome, type Tracked } from './outcome.ts';
import { fit, plan, whyFallback, type PlannedCall } from './plan/plan.ts';
import { repair } from './plan/repair.ts';
import { blankIntent, languageOf, understandAll } from './understand/understand.ts';

/** Rounds of tool calls in one turn: the plan, then at most one repair. */
const MAX_ROUNDS = 2;

export interface Step {
  intent: Intent;
  /** Index of the current question in the conversation, for stable tool-use ids. */
  question: number;
  round: number;
  calls: PlannedCall[];
  text: string;
}

const isQuestion = (m: Message) =>
  m.role === 'user' && m.content.some((b) => 'text' in b) && !m.content.some((b) => 'toolResult' in b);
const isRound = (m: Message) => m.role === 'assistant' && m.content.some((b) => 'toolUse' in b);

/**
 * What the model does next, given the conversation so far. Pure. Never throws on what a user wrote: a fault
 * anywhere in the three stages becomes a plain answer, and the next question starts afresh.
 */
export function decide(messages: Message[], tools: ToolSpec[], data: DataRange): Step {
  const qIdx = messages.flatMap((m, i) => (isQuestion(m) ? [i] : []));
  if (!qIdx.length)
    throw new TidelensError(
      'model_error',
      'the offline model was called without a user question; send the question as the last user message',
    );
  const questions = qIdx.map((i) => messages[i].content.flatMap((b) => ('text' in b ? [b.text] : [])).join('\n'));
  const turn = messages.slice(qIdx.at(-1)! + 1);
  const before = qIdx.length > 1 ? messages.slice(qIdx.at(-2)! + 1, qIdx.at(-1)) : [];
  const at = { question: qIdx.length - 1, round: turn.filter(isRound).length };
  try {
    return next(questions, { turn, before }, tools, data, at);
  } catch (e) {
    // The details go to the server's log; the user gets a plain sentence in their language.
    console.error(`offline model: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`);
    const language = languageOf(questions.at(-1)!);
    return { ...at, intent: blankIntent(language, data), calls: [], text: trouble(language) };
  }
}

/** Messages of this turn, and of the turn before it (its tool results: what a follow-up can lean on). */
interface Turns {
  turn: Message[];
  before: Message[];
}

// Cause segments that are also filters of top_products: a subcategory is filtered as a category.
const SCOPE_KEYS: Record<string, keyof Filters> = {
  channel: 'channel',
  country: 'country',
  device: 'device',
  source: 'source',
  source_type: 'source_type',
  customer_type: 'customer_type',
  category: 'category',
  subcategory: 'category',
};

/**
 * "Which products drove it?" after a why: the products are ranked by their change inside the largest cause's
 * scope (the channel or category that fell), not across the whole store. Filters the question set stay.
 */
function causeScope(intents: Intent[], before: Message[]): Intent {
  const [prev, cur] = [intents.at(-2), intents.at(-1)!];
  if (!prev || prev.kind !== 'why' || cur.kind !== 'top' || cur.rankBy !== 'change') return cur;
  const why = readOutcomes(before, prev).find((o) => o.name === 'explain_change' && o.payload);
  const cause = why ? readExplanation(why, prev.metric)?.causes[0] : undefined;
  if (!cause || cause.segmentCut) return cur;
  const add: Partial<Record<keyof Filters, string>> = {};
  // A stock-out names SKUs, which top_products cannot filter on: its scope is their one sub-category.
  const subs = cause.kind === 'stockout' ? cause.facts.subcategories : null;
  const segment =
    typeof subs === 'string' && !subs.includes(', ') ? { ...cause.segment, subcategory: [subs] } : cause.segment;
  for (const [dim, values] of Object.entries(segment)) {
    const key = SCOPE_KEYS[dim];
    if (!key || values.length !== 1 || key in cur.filters) continue;
    add[key] = values[0];
  }
  return Object.keys(add).length ? { ...cur, filters: { ...cur.filters, ...add } as Filters } : cur;
}

function next(
  questions: string[],
  { turn, before }: Turns,
  tools: ToolSpec[],
  data: DataRange,
  at: { question: number; round: number },
): Step {
  const read = causeScope(understandAll(questions, data), before);
  const window = read.eventPeriod ? eventWindow(readOutcomes(turn, read), read) : null;
  const intent: Intent = window ? { ...read, period: window, periodDefaulted: false } : read;
  const base = { intent, ...at };
  // A campaign's days as the period: its dates are read first (campaign_performance), then the sales in them.
  if (read.eventPeriod && at.round === 0 && tools.some((t) => t.name === 'campaign_performance')) {
    const calls = plan({ ...read, kind: 'campaigns', campaign: read.eventPeriod }, tools);
    if (calls.length) return { ...base, calls, text: '' };
  }
  if (window && !readOutcomes(turn, intent).some((o) => o.name !== 'campaign_performance')) {
    const calls = plan(intent, tools);
    if (calls.length) return { ...base, calls, text: '' };
  }
  if (at.round === 0) {
    const calls = plan(intent, tools);
    return calls.length ? { ...base, calls, text: '' } : { ...base, calls: [], text: render(intent, [], data) };
  }
  const outcomes = readOutcomes(turn, intent);
  const last = turn.filter(isRound).at(-1)!;
  const lastIds = new Set(last.content.flatMap((b) => ('toolUse' in b ? [b.toolUse.toolUseId] : [])));
  if (at.round < MAX_ROUNDS) {
    const fixes = repairs(
      intent,
      outcomes.filter((o) => lastIds.has(o.id) && o.error),
      tools,
    );
    if (fixes.length) return { ...base, calls: fixes, text: '' };
  }
  // A named campaign the data does not hold: the period's campaigns are read without the name, then listed.
  const missing = !read.eventPeriod ? missingCampaign(intent, outcomes) : null;
  if (missing) {
    const listed = outcomes.find(
      (o) => o.name === 'campaign_performance' && o.input.campaign === undefined && o.payload?.rows.length,
    );
    if (!listed && at.round < MAX_ROUNDS) {
      const calls = plan({ ...intent, campaign: undefined }, tools);
      if (calls.length) return { ...base, calls, text: '' };
    }
    const text = listed
      ? unknownCampaignText(intent, missing, listed.payload!.rows, scopeText(intent, listed).period)
      : null;
    if (text) return { ...base, calls: [], text };
  }
  // No campaign of that name in the data: the campaigns answer says so, not a year's sales in its place.
  if (read.eventPeriod && !window) {
    const asked: Intent = { ...read, kind: 'campaigns', campaign: read.eventPeriod };
    return { ...base, intent: asked, calls: [], text: render(asked, outcomes, data) };
  }
  if (!window) return { ...base, calls: [], text: render(intent, outcomes, data) };
  // The sales in the campaign's days lead; its dates come from campaign_performance, named once.
  const zh = intent.language === 'zh';
  const { start, end } = window;
  const lead = zh
    ? `“${intent.eventPeriod}”的活动日期为 ${start} 至 ${end}（来自营销活动表），以下是这几天全店的销售：\n\n`
    : `${intent.eventPeriod} ran from ${start} to ${end} (campaigns table); store-wide sales in those days:\n\n`;
  const rest = outcomes.filter((o) => o.name !== 'campaign_performance');
  return { ...base, calls: [], text: lead + render(intent, rest, data) };
}

/** The campaign name the question asked for when no campaign_performance call with that name found one. */
function missingCampaign(i: Intent, outcomes: Outcome[]): string | null {
  if (i.kind !== 'campaigns' || !i.campaign) return null;
  const named = outcomes.filter((o) => o.name === 'campaign_performance' && o.input.campaign === i.campaign);
  if (!named.length || named.some((o) => !o.payload || o.payload.rows.length)) return null;
  return i.campaign;
}

/** The dates of the campaign the question names, from this turn's campaign_performance rows. */
function eventWindow(outcomes: Outcome[], i: Intent): Intent['period'] | null {
  const rows = outcomes.find((o) => o.name === 'campaign_performance' && o.payload)?.payload?.rows ?? [];
  const want = i.eventPeriod!.toLowerCase();
  // Only the campaign of that very name: a nearby one's dates would be another period quietly.
  const row = rows.find((r) => String(r.campaign_name).toLowerCase() === want);
  if (!row || typeof row.start_date !== 'string' || typeof row.end_date !== 'string') return null;
  return { start: row.start_date.slice(0, 10), end: row.end_date.slice(0, 10), grain: 'range' };
}

function repairs(intent: Intent, failed: Tracked[], tools: ToolSpec[]): PlannedCall[] {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const out: PlannedCall[] = [];
  for (const f of failed) {
    if (f.name === 'explain_change' && intent.kind === 'why') {
      for (const r of whyFallback(intent)) if (byName.has(r.name)) out.push(fit(r, byName.get(r.name)!));
      continue;
    }
    const fixed = repair(f, f.error!);
    if (fixed) out.push({ ...fixed, dropped: [...f.dropped, ...fixed.dropped] });
  }
  return out;
}

function render(intent: Intent, outcomes: Outcome[], data: DataRange): string {
  const a = compose(intent, outcomes, data);
  if (!a.suggestions.length) return a.text;
  const head = intent.language === 'zh' ? '你还可以问：' : 'You could also ask:';
  const joiner = intent.kind === 'unsupported' && intent.unsupported === 'not_understood' ? '\n' : '\n\n' + head + '\n';
  return a.text + joiner + a.suggestions.map((s) => `- ${s}`).join('\n');
}
