// One repair of a call the dispatcher rejected: drop the optional key the error names, so the second round
// can succeed where the first one could not.
import type { PlannedCall } from './plan.ts';

const FILTER_KEYS = ['category', 'country', 'source', 'source_type', 'campaign', 'customer_type', 'device', 'channel'];
const OPTIONAL_KEYS = [...FILTER_KEYS, 'order', 'rank_by', 'by', 'n', 'grain', 'compare_to'];

/**
 * One repair of a rejected call: drop the key the error names when it is optional (an unknown filter value,
 * a comparison outside the data). Null when nothing safe can be dropped: the answer explains the error instead.
 */
export function repair(
  call: { name: string; input: Record<string, unknown> },
  error: { code: string; message: string },
): PlannedCall | null {
  if (error.code === 'unknown_tool' || error.code === 'forbidden') return null;
  const msg = error.message;
  const pathKey = /invalid input for \w+: ([a-z_]+)\b/i.exec(msg)?.[1];
  const named =
    pathKey && OPTIONAL_KEYS.includes(pathKey)
      ? pathKey
      : FILTER_KEYS.find((k) => k in call.input && new RegExp(`\\b${k.replace('_', '[_ ]')}\\b`, 'i').test(msg));
  if (!named || !(named in call.input)) {
    if (/\bcompar/i.test(msg) && 'compare_to' in call.input) return drop(call, 'compare_to');
    return null;
  }
  return drop(call, named);
}

function drop(call: { name: string; input: Record<string, unknown> }, key: string): PlannedCall {
  const input = { ...call.input };
  delete input[key];
  return { name: call.name, input, dropped: [key] };
}
