// Fits a planned tool input to the tool's JSON Schema as the model sees it (the request's toolSpecs):
// renames keys to the names the schema uses, wraps or unwraps arrays, maps enum spellings, drops what it
// does not accept. The offline model reads the schema like a real model would instead of assuming it.

type Schema = Record<string, unknown>;

const KEY_ALIASES: Record<string, string[]> = {
  metric: ['metric', 'metrics', 'measure'],
  metrics: ['metrics', 'metric', 'measures'],
  dimension: ['dimension', 'by', 'group_by', 'breakdown', 'dimensions'],
  by: ['by', 'dimension', 'group_by', 'breakdown'],
  n: ['n', 'limit', 'top_n', 'topN', 'top', 'count'],
  grain: ['grain', 'granularity', 'interval', 'bucket'],
  order: ['order', 'direction', 'sort', 'rank', 'which'],
  rank_by: ['rank_by', 'sort_by', 'by_change', 'rank'],
  compare_to: ['compare_to', 'compare', 'comparison', 'baseline'],
  period: ['period', 'range', 'date_range'],
};

const VALUE_ALIASES: Record<string, string[]> = {
  subcategory: ['subcategory', 'sub_category', 'category_l2', 'category'],
  source: ['source', 'traffic_source', 'source_name', 'source_type'],
  source_type: ['source_type', 'traffic_source_type', 'source'],
  customer_type: ['customer_type', 'new_vs_returning', 'customer'],
  product: ['product', 'sku', 'products'],
  top: ['top', 'desc', 'best', 'highest'],
  bottom: ['bottom', 'asc', 'worst', 'lowest'],
  change: ['change', 'delta', 'abs_change', 'growth'],
  value: ['value', 'metric', 'total'],
};

export function accepts(schema: Schema | undefined, v: unknown): boolean {
  if (!schema || Object.keys(schema).length === 0) return true;
  const any = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (any) return any.some((s) => accepts(s, v));
  if (schema.allOf) return (schema.allOf as Schema[]).every((s) => accepts(s, v));
  if ('const' in schema) return schema.const === v;
  if (schema.enum) return (schema.enum as unknown[]).includes(v);
  const t = schema.type as string | string[] | undefined;
  const types = t === undefined ? null : Array.isArray(t) ? t : [t];
  const is = (name: string) => types === null || types.includes(name);
  if (v === null) return is('null');
  if (typeof v === 'string') {
    if (!is('string')) return false;
    if (typeof schema.minLength === 'number' && v.length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && v.length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(v)) return false;
    return true;
  }
  if (typeof v === 'number') {
    if (!(is('number') || (is('integer') && Number.isInteger(v)))) return false;
    if (typeof schema.minimum === 'number' && v < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && v > schema.maximum) return false;
    if (typeof schema.exclusiveMinimum === 'number' && v <= schema.exclusiveMinimum) return false;
    if (typeof schema.exclusiveMaximum === 'number' && v >= schema.exclusiveMaximum) return false;
    return true;
  }
  if (typeof v === 'boolean') return is('boolean');
  if (Array.isArray(v)) {
    if (!is('array')) return false;
    if (typeof schema.minItems === 'number' && v.length < schema.minItems) return false;
    if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) return false;
    return v.every((x) => accepts(schema.items as Schema | undefined, x));
  }
  if (typeof v === 'object') {
    if (!is('object')) return false;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const o = v as Record<string, unknown>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) return false;
    for (const [k, x] of Object.entries(o)) {
      if (k in props) {
        if (!accepts(props[k], x)) return false;
      } else if (schema.additionalProperties === false) return false;
    }
    return true;
  }
  return false;
}

function adaptValue(schema: Schema, v: unknown): { ok: true; value: unknown } | { ok: false } {
  if (accepts(schema, v)) return { ok: true, value: v };
  if (Array.isArray(v)) {
    if (v.length && accepts(schema, v[0])) return { ok: true, value: v[0] };
    const each = v.map((x) =>
      typeof x === 'string' ? (VALUE_ALIASES[x] ?? []).find((a) => accepts(schema, [a])) : undefined,
    );
    if (each.every((x) => x !== undefined) && accepts(schema, each)) return { ok: true, value: each };
  } else {
    if (accepts(schema, [v])) return { ok: true, value: [v] };
    if (typeof v === 'string') {
      for (const a of VALUE_ALIASES[v] ?? []) {
        if (accepts(schema, a)) return { ok: true, value: a };
        if (accepts(schema, [a])) return { ok: true, value: [a] };
      }
    }
  }
  return { ok: false };
}

export interface Fitted {
  input: Record<string, unknown>;
  /** Keys the schema had no place for (the answer may need to say a filter was not applied). */
  dropped: string[];
}

export function fitInput(input: Record<string, unknown>, schema: Schema): Fitted {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const out: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    const candidates = KEY_ALIASES[k] ?? [k];
    let placed = false;
    for (const key of candidates) {
      if (!(key in props) || key in out) continue;
      const a = adaptValue(props[key], v);
      if (a.ok) {
        out[key] = a.value;
        placed = true;
        break;
      }
    }
    if (!placed) dropped.push(k);
  }
  return { input: out, dropped };
}

export function schemaHas(schema: Schema, key: string): boolean {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  return (KEY_ALIASES[key] ?? [key]).some((k) => k in props);
}
