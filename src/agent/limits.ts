// The bounds of one turn, and what the user reads when one of them ends it.
import type { Language, TurnSummary } from '../protocol/turn.ts';

export interface TurnLimits {
  /** Model calls per turn. */
  maxRounds: number;
  /** Tool calls per turn, over all rounds. */
  maxToolCalls: number;
  /** Wall-clock time for the whole turn. */
  maxTurnMs: number;
  /** Output tokens per model answer (inferenceConfig.maxTokens). */
  maxAnswerTokens: number;
  /** Input + output tokens over the whole turn. */
  maxTurnTokens: number;
}

export const DEFAULT_TURN_LIMITS: TurnLimits = {
  maxRounds: 8,
  maxToolCalls: 24,
  maxTurnMs: 120_000,
  maxAnswerTokens: 4096,
  maxTurnTokens: 400_000,
};

type Limited = Exclude<TurnSummary['stopReason'], 'end_turn' | 'error'>;

const MESSAGES: Record<Limited, Record<Language, (n: string) => string>> = {
  round_limit: {
    en: (n) =>
      `I stopped after ${n} rounds of tool calls without a final answer. Try a narrower question, or ask for one metric and period at a time.`,
    zh: (n) => `已进行 ${n} 轮工具调用仍未得出最终答案，已停止。请把问题缩小一些，例如一次只问一个指标和一个时间段。`,
  },
  tool_limit: {
    en: (n) =>
      `I stopped because this question needed more than ${n} tool calls. Try splitting it into smaller questions.`,
    zh: (n) => `这个问题需要超过 ${n} 次工具调用，已停止。请拆成几个小问题再问。`,
  },
  time_limit: {
    en: (n) => `I stopped because the answer took longer than ${n} seconds. Try a shorter period or fewer breakdowns.`,
    zh: (n) => `回答超过了 ${n} 秒的时限，已停止。请缩短时间范围或减少拆分维度。`,
  },
  token_limit: {
    en: (n) =>
      `I stopped because the answer reached its length limit (${n} tokens). Ask for a shorter answer or a narrower question.`,
    zh: (n) => `回答达到了长度上限（${n} tokens），已停止。请要求更简短的回答或缩小问题范围。`,
  },
  rate_limit: {
    en: (n) =>
      `You have asked ${n} questions in the last minute, the most allowed. Please wait a moment and ask again.`,
    zh: (n) => `你在一分钟内已提问 ${n} 次，达到上限。请稍等片刻再问。`,
  },
  cancelled: {
    en: () => 'Cancelled.',
    zh: () => '已取消。',
  },
};

export function limitMessage(reason: Limited, lang: Language, n: number | string = ''): string {
  return MESSAGES[reason][lang](String(n));
}
