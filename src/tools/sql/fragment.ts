// SQL as data: text with `?` placeholders and the values bound to them, kept in textual order.
// Values interpolated through `sql` always become bound parameters; only `ident`/`raw` put text in the
// statement, and callers pass them identifiers taken from allowlists, never user input.

export interface Fragment {
  readonly sql: string;
  readonly params: unknown[];
}

const FRAGMENT = Symbol('fragment');

interface Marked extends Fragment {
  [FRAGMENT]: true;
}

function make(text: string, params: unknown[]): Marked {
  return { sql: text, params, [FRAGMENT]: true };
}

export function isFragment(v: unknown): v is Fragment {
  return typeof v === 'object' && v !== null && (v as Marked)[FRAGMENT] === true;
}

/** Tagged template: nested fragments are spliced in, every other value becomes a `?` parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (isFragment(v)) {
      text += v.sql;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1]!;
  });
  return make(text, params);
}

/** Trusted SQL text (an identifier or keyword from an allowlist in this codebase). */
export function raw(text: string): Fragment {
  return make(text, []);
}

export function join(parts: Fragment[], separator: string): Fragment {
  return make(
    parts.map((p) => p.sql).join(separator),
    parts.flatMap((p) => p.params),
  );
}

/** `a AND b AND …`, or a true condition when there is nothing to add. */
export function and(conds: Fragment[]): Fragment {
  return conds.length
    ? join(
        conds.map((c) => sql`(${c})`),
        ' AND ',
      )
    : raw('1 = 1');
}

export function or(conds: Fragment[]): Fragment {
  return conds.length
    ? join(
        conds.map((c) => sql`(${c})`),
        ' OR ',
      )
    : raw('1 = 0');
}

/** `(?, ?, ?)` for a non-empty list of values. */
export function list(values: readonly unknown[]): Fragment {
  if (!values.length) throw new Error('list() needs at least one value');
  return make(`(${values.map(() => '?').join(', ')})`, [...values]);
}

/** For the CLI and logs: the final statement and its parameters. */
export function toQuery(f: Fragment): { sql: string; params: unknown[] } {
  return { sql: f.sql, params: [...f.params] };
}
