// Estimated cost per turn: USD per million tokens, on-demand list prices. An estimate, shown as such.
interface Price {
  input: number;
  output: number;
}

// Matched against the model id without its cross-region prefix (us., eu., apac., global.).
const PRICES: [RegExp, Price][] = [
  [/anthropic\.claude-3-haiku/, { input: 0.25, output: 1.25 }],
  [/anthropic\.claude-3-5-haiku/, { input: 0.8, output: 4 }],
  [/anthropic\.claude-haiku-4/, { input: 1, output: 5 }],
  [/anthropic\.claude-(3-5-sonnet|3-7-sonnet|sonnet-4)/, { input: 3, output: 15 }],
  [/anthropic\.claude-opus-4/, { input: 15, output: 75 }],
  [/amazon\.nova-micro/, { input: 0.035, output: 0.14 }],
  [/amazon\.nova-lite/, { input: 0.06, output: 0.24 }],
  [/amazon\.nova-pro/, { input: 0.8, output: 3.2 }],
  [/meta\.llama3-1-70b/, { input: 0.72, output: 0.72 }],
  [/meta\.llama3-1-8b/, { input: 0.22, output: 0.22 }],
  [/mistral\.mistral-large/, { input: 2, output: 6 }],
];

export function priceFor(modelId: string): Price | null {
  const id = modelId.replace(/^(us|eu|apac|global|us-gov)\./, '');
  return PRICES.find(([re]) => re.test(id))?.[1] ?? null;
}

/** 0 for models we do not know the price of (local openai-compatible servers, the offline model). */
export function estimateCostUsd(modelId: string, inputTokens: number, outputTokens: number): number {
  const p = priceFor(modelId);
  if (!p) return 0;
  return (inputTokens * p.input + outputTokens * p.output) / 1_000_000;
}

/** Models whose Converse API accepts a cachePoint block in the system prompt. */
export function supportsPromptCache(modelId: string): boolean {
  const id = modelId.replace(/^(us|eu|apac|global|us-gov)\./, '');
  return /anthropic\.claude-(3-5-haiku|3-7-sonnet|sonnet-4|opus-4|haiku-4)|amazon\.nova-(micro|lite|pro|premier)/.test(
    id,
  );
}
