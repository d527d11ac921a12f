// The ask path of a fuzz case: a why-question about the drawn scenario, phrased in English or Chinese
// from templates with paraphrase slots (metric words, month words, comparison words, the verb), put
// to the assistant the chat and `tidelens ask` use (createAssistant, the offline model, the registry's
// tools). The explain_change calls it makes are recorded, so the case scores the answer's causes with
// the same rules as the direct call. The question is a pure function of the seed and the drawn scenario.
import { randomUUID } from 'node:crypto';
import { collectTurn, createAssistant } from '../../src/agent/assistant.ts';
import { createOfflineProvider } from '../../src/agent/offline/index.ts';
import type { Db } from '../../src/db/types.ts';
import { MONTHS } from '../../src/protocol/periods.ts';
import type { ExplainMetric } from '../../src/tools/explain/profiles.ts';
import { tools as registryTools } from '../../src/tools/registry.ts';
import type { DataRange, Tool } from '../../src/tools/types.ts';
import { rng, type Comparison } from './draw.ts';

export type AskLanguage = 'en' | 'zh';

/** Ways people name each metric; the first of each language is the vocabulary's label. */
const METRIC_WORDS: Record<ExplainMetric, { en: string[]; zh: string[] }> = {
  net_sales: { en: ['net sales', 'sales', 'revenue'], zh: ['净销售额', '销售额', '营收'] },
  orders: { en: ['orders', 'the number of orders', 'order count'], zh: ['订单数', '订单量'] },
  units: { en: ['units sold', 'units'], zh: ['销量', '销售件数'] },
  aov: { en: ['average order value', 'AOV'], zh: ['客单价', '平均订单金额'] },
  conversion_rate: { en: ['conversion rate', 'the conversion rate'], zh: ['转化率'] },
  sessions: { en: ['sessions', 'website sessions'], zh: ['访问量', '会话数'] },
  return_rate: { en: ['return rate', 'the return rate'], zh: ['退货率'] },
  refunds: { en: ['refunds', 'refund amount'], zh: ['退款金额', '退款'] },
  discount_rate: { en: ['discount rate', 'the discount rate'], zh: ['折扣率'] },
  new_customer_share: { en: ['new-customer share', 'share of new customers'], zh: ['新客占比', '新客户占比'] },
  gross_margin: { en: ['gross margin', 'margin'], zh: ['毛利率'] },
};

interface Month {
  y: number;
  m: number;
}

const monthOf = (day: string): Month => ({ y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)) });
const en = (x: Month) => `${MONTHS[x.m - 1]} ${x.y}`;
const zh = (x: Month) => `${x.y}年${x.m}月`;

export interface AskQuestion {
  language: AskLanguage;
  question: string;
}

/**
 * A why-question for the period against its comparison. `direction` is the change the asker saw
 * (the manifest's sign); a neutral template is drawn a third of the time.
 */
export function askQuestion(
  seed: number,
  metric: ExplainMetric,
  comparison: Comparison | string,
  period: { from: string },
  compare: { from: string },
  direction: 'up' | 'down' | 'flat',
): AskQuestion {
  const r = rng(seed * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const language: AskLanguage = r() < 0.5 ? 'en' : 'zh';
  const b = monthOf(period.from);
  const a = monthOf(compare.from);
  const neutral = direction === 'flat' || r() < 0.33;
  const words = METRIC_WORDS[metric][language];
  const m = pick(words);
  if (language === 'en') {
    const than =
      comparison === 'previous_month'
        ? pick([`compared with ${MONTHS[a.m - 1]}`, 'versus the month before', `than in ${en(a)}`])
        : comparison === 'same_month_last_year'
          ? pick([`than in ${en(a)}`, 'year on year', 'compared with the same month last year'])
          : pick([`compared with ${en(a)}`, `than in ${en(a)}`]);
    if (neutral)
      return {
        language,
        question: pick([
          `What drove the change in ${m} in ${en(b)} ${than}?`,
          `Why did ${m} change in ${en(b)} ${than}?`,
          `What happened to ${m} in ${en(b)} ${than}, and why?`,
        ]),
      };
    const verb = direction === 'up' ? pick(['rise', 'go up', 'increase']) : pick(['drop', 'fall', 'go down']);
    const adj = direction === 'up' ? 'higher' : 'lower';
    return {
      language,
      question: pick([
        `Why did ${m} ${verb} in ${en(b)} ${than}?`,
        `Why was ${m} ${adj} in ${en(b)} ${than}?`,
        `In ${en(b)}, why did ${m} ${verb} ${than}?`,
      ]),
    };
  }
  const than =
    comparison === 'previous_month'
      ? pick([`比${a.m}月`, '比上个月', `相比${zh(a)}`])
      : comparison === 'same_month_last_year'
        ? pick(['比去年同期', `比${zh(a)}`, '同比'])
        : pick([`相比${zh(a)}`, `比${zh(a)}`]);
  if (neutral)
    return {
      language,
      question: pick([`${zh(b)}的${m}${than}变化的原因是什么？`, `为什么${zh(b)}的${m}${than}有变化？`]),
    };
  const verb = direction === 'up' ? pick(['上升了', '增加了', '上涨了']) : pick(['下降了', '下滑了', '减少了']);
  return {
    language,
    question: pick([`为什么${zh(b)}的${m}${than}${verb}？`, `${zh(b)}${m}${than}${verb}，原因是什么？`]),
  };
}

export interface AskRun {
  question: AskQuestion;
  /** The model data of the last explain_change call the turn made; null when it made none. */
  data: unknown;
  /** That call's input, for diagnosis. */
  input: unknown;
  tools: string[];
  stopReason: string;
  ms: number;
}

/** One turn of the offline assistant on the question, recording its explain_change calls. */
export async function askTurn(db: Db, data: DataRange, q: AskQuestion): Promise<AskRun> {
  const calls: Array<{ input: unknown; data: unknown }> = [];
  const tools: Tool[] = registryTools.map((t) =>
    t.name === 'explain_change'
      ? {
          ...t,
          run: async (input, ctx) => {
            const r = await t.run(input, ctx);
            calls.push({ input, data: r.data });
            return r;
          },
        }
      : t,
  );
  const assistant = createAssistant({ provider: createOfflineProvider(), tools, db, data });
  const t0 = performance.now();
  const { summary } = await collectTurn(
    assistant.runTurn({
      conversationId: `fuzz-${randomUUID()}`,
      turnId: randomUUID(),
      question: q.question,
      language: q.language,
      user: { id: 'fuzz', role: 'analyst' },
      history: [],
      signal: new AbortController().signal,
    }),
  );
  const last = calls.at(-1);
  return {
    question: q,
    data: last?.data ?? null,
    input: last?.input ?? null,
    tools: summary.steps.map((s) => s.tool),
    stopReason: summary.stopReason,
    ms: performance.now() - t0,
  };
}
