// Bidirectional control characters in data (a product named "Mug \u202E0.99") reorder what follows them on
// the line, so a figure can read backwards in an answer, a table or an export. Data strings lose them before
// they become text anywhere; the letters of right-to-left scripts are untouched.

// LRM, RLM, ALM, the embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

export function stripBidi(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

/** The same value with bidi controls removed from every string inside it (object keys included). */
export function stripBidiDeep<T>(value: T): T {
  return clean(value, 0) as T;
}

function clean(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return stripBidi(v);
  if (depth > 32 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => clean(x, depth + 1));
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[stripBidi(k)] = clean(x, depth + 1);
  return out;
}
