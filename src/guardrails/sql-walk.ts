// Walks node-sql-parser's syntax tree of one SELECT and enforces the policy (README.md): reachable tables,
// personal columns, functions, joins. It is an allowlist of node types: anything it does not know is
// rejected, so a parser change or an exotic construct fails closed.
import type { Table } from '../warehouse/schema.ts';
import {
  analyticsTable,
  CONCAT_FUNCTIONS,
  DENIED_FUNCTIONS,
  FORMAT_FUNCTIONS,
  isReservedName,
  MAX_SIZE_ARGUMENT,
  MAX_SIZED_RESULT,
  PII_SAFE_AGGREGATES,
  piiOf,
  publicColumns,
  SIZED_FUNCTIONS,
  UNKNOWN_SIZE,
} from './sql-policy.ts';
import { SqlRejected, type SqlDialect } from './sql-types.ts';

// The parser's tree is untyped JSON; every access below checks shapes itself.
// biome-ignore lint/suspicious/noExplicitAny: the parser's tree is untyped JSON, checked at each access
type Node = any;

interface Relation {
  alias: string; // lower case
  table?: Table; // base table; undefined for a derived table or CTE, which can never carry personal columns
  pii: Set<string>;
}

interface Scope {
  relations: Relation[];
  ctes: Set<string>;
  parent?: Scope;
}

const LITERALS = new Set([
  'number',
  'single_quote_string',
  'natural_string',
  'hex_string',
  'full_hex_string',
  'bit_string',
  'bool',
  'boolean',
  'null',
  'date',
  'time',
  'datetime',
  'timestamp',
  'origin',
  'datatype',
  'star',
]);

const SELECT_KEYS = new Set([
  'with',
  'type',
  'options',
  'distinct',
  'columns',
  'into',
  'from',
  'where',
  'groupby',
  'having',
  'orderby',
  'limit',
  'locking_read',
  'for_update',
  'window',
  'collate',
  '_next',
  'set_op',
  'parentheses_symbol',
  '_parentheses',
]);

const fail = (code: ConstructorParameters<typeof SqlRejected>[0], reason: string) => new SqlRejected(code, reason);

export class SelectWalker {
  readonly tables = new Set<string>();
  readonly columns = new Set<string>();
  constructor(private readonly dialect: SqlDialect) {}

  /** A full statement: WITH, then a chain of SELECTs joined by UNION/INTERSECT/EXCEPT. */
  statement(ast: Node, outer: Scope | undefined, ctes: Set<string>): void {
    if (!ast || ast.type !== 'select') {
      throw fail(
        'not_select',
        `only SELECT statements may run; this is ${ast?.type ? `a ${String(ast.type).toUpperCase()}` : 'not a query'}`,
      );
    }
    const visible = new Set(ctes);
    for (const w of ast.with ?? []) {
      const name = ident(w?.name).toLowerCase();
      if (w.recursive) {
        throw fail(
          'recursive_cte',
          'recursive CTEs are not allowed (MariaDB silently stops them at 1000 rows, giving wrong answers); use a plain WITH or date arithmetic',
        );
      }
      if (!name || isReservedName(name) || isAnalyticsName(name)) {
        throw fail('unsupported', `name the WITH query "${name}" differently: it must not shadow a table name`);
      }
      const body = w.stmt?.ast ?? w.stmt;
      this.statement(body, outer, visible);
      visible.add(name);
    }
    for (let node = ast, first = true; node; node = node._next, first = false) {
      if (!first && node.with) this.statement(node, outer, visible);
      else this.select(node, outer, visible);
    }
  }

  private select(s: Node, outer: Scope | undefined, ctes: Set<string>): void {
    if (s.type !== 'select') throw fail('not_select', 'every part of a UNION must be a SELECT');
    for (const key of Object.keys(s)) {
      if (!SELECT_KEYS.has(key) && s[key] != null && s[key] !== false) {
        throw fail(
          'unsupported',
          `the ${key.toUpperCase()} clause is not supported; rewrite the query with plain SELECT … FROM … WHERE … GROUP BY`,
        );
      }
    }
    if (s.into && Object.values(s.into).some((v) => v != null)) {
      throw fail('into', 'SELECT … INTO (files or variables) is not allowed; run_sql only returns rows');
    }
    if (s.locking_read || s.for_update) {
      throw fail(
        'locking_read',
        'locking reads (FOR UPDATE, LOCK IN SHARE MODE, FOR SHARE) are not allowed; remove the clause',
      );
    }
    if (Array.isArray(s.options) ? s.options.length : s.options) {
      throw fail('unsupported', `SELECT modifiers (${[s.options].flat().join(' ')}) are not allowed; remove them`);
    }
    const scope: Scope = { relations: [], ctes, parent: outer };
    const joinConditions: Node[] = [];
    const links: FromLink[] = [];
    (s.from ?? []).forEach((item: Node, i: number) => {
      const before = scope.relations.length;
      const kind = this.fromItem(item, i, scope, outer, ctes, joinConditions);
      const added = scope.relations.length > before ? scope.relations.at(-1) : undefined;
      if (added) links.push({ alias: added.alias, joined: kind === 'joined' });
    });
    if (links.some((l, i) => i > 0 && !l.joined)) requireJoinGraph(links, s.where, scope);
    for (const c of Array.isArray(s.columns) ? s.columns : [s.columns]) {
      if (c === '*' || (c?.expr?.type === 'column_ref' && columnName(c.expr) === '*'))
        this.star(c === '*' ? { table: null } : c.expr, scope);
      else this.expr(c?.expr ?? c, scope);
    }
    for (const on of joinConditions) this.expr(on, scope);
    this.expr(s.where, scope);
    const groupby = Array.isArray(s.groupby) ? s.groupby : s.groupby?.columns;
    for (const g of groupby ?? []) this.expr(g, scope);
    this.expr(s.having, scope);
    for (const o of s.orderby ?? []) this.expr(o.expr, scope);
    this.windows(s.window, scope);
    for (const v of s.limit?.value ?? []) {
      if (v?.type !== 'number') throw fail('unsupported', 'LIMIT and OFFSET take plain numbers');
    }
  }

  /** 'comma' when the item is joined by a comma: requireJoinGraph then looks for its link in WHERE. */
  private fromItem(
    item: Node,
    i: number,
    scope: Scope,
    outer: Scope | undefined,
    ctes: Set<string>,
    conditions: Node[],
  ): 'joined' | 'comma' {
    if (item?.type === 'dual') return 'joined';
    if (item?.lateral)
      throw fail('unsupported', 'LATERAL derived tables are not supported; use a join or a WITH query');
    if (item?.index_hint || item?.indexHint) throw fail('unsupported', 'index hints are not allowed; remove them');
    const alias = item?.as ? ident(item.as).toLowerCase() : undefined;
    if (item?.expr?.ast) {
      this.statement(item.expr.ast, outer, ctes);
      scope.relations.push({ alias: alias ?? `#derived${i}`, pii: new Set() });
    } else if (item?.table && !item.expr) {
      const name = ident(item.table).toLowerCase();
      const db = item.db ? ident(item.db) : null;
      if (!db && ctes.has(name)) {
        scope.relations.push({ alias: alias ?? name, pii: new Set() });
      } else {
        const t = analyticsTable(ident(item.table), db);
        // MySQL on Linux matches table names case-sensitively; the guard already matched them without case.
        if (typeof item.table === 'string') item.table = t.name;
        this.tables.add(t.name);
        scope.relations.push({ alias: alias ?? name, table: t, pii: piiOf(t) });
      }
    } else if (item?.expr?.type === 'function' || item?.type === 'expr') {
      throw fail(
        'unsupported',
        'table functions (pragma_*, json_each, JSON_TABLE …) are not allowed in FROM; query the analytics tables',
      );
    } else {
      throw fail('unsupported', 'this kind of FROM item is not supported; use tables, WITH queries or subqueries');
    }
    if (i === 0) return 'joined';
    const singleRow = isSingleRow(item.expr?.ast);
    if (item.on && !singleRow && !mentionsColumn(item.on)) {
      throw fail(
        'cartesian_product',
        'the ON condition compares no columns (like ON 1 = 1), so every row meets every row; join on a matching key (e.g. orders.user_id = users.user_id)',
      );
    }
    if (item.on) conditions.push(item.on);
    else if (Array.isArray(item.using) && item.using.length) {
      for (const u of item.using) this.column({ table: null, column: ident(u) }, scope, false);
    } else if (!singleRow) {
      if (!item.join) return 'comma';
      throw fail(
        'cartesian_product',
        `${item.join} without ON multiplies every row of one table with every row of the other; ` +
          'join with JOIN … ON a matching key (e.g. orders.user_id = users.user_id)',
      );
    }
    return 'joined';
  }

  private star(ref: Node, scope: Scope): void {
    const qualifier = ref.table ? ident(ref.table).toLowerCase() : undefined;
    const rels = qualifier ? [findRelation(scope, qualifier, true)] : scope.relations;
    for (const r of rels) {
      if (r.table && r.pii.size) {
        throw fail(
          'personal_data',
          `${qualifier ? `${qualifier}.*` : 'SELECT *'} would return personal columns of ${r.table.name} (${[...r.pii].join(', ')}); list the columns you need, e.g. ${publicColumns(r.table).slice(0, 6).join(', ')}`,
        );
      }
      if (r.table) for (const c of publicColumns(r.table)) this.columns.add(`${r.table.name}.${c}`);
    }
  }

  private windows(window: Node, scope: Scope): void {
    if (!window) return;
    for (const w of window.expr ?? []) this.windowSpec(w?.as_window_specification, scope);
  }

  private windowSpec(spec: Node, scope: Scope): void {
    if (!spec || typeof spec === 'string') return;
    const ws = spec.window_specification ?? spec;
    for (const p of ws.partitionby ?? []) this.expr(p?.expr ?? p, scope);
    for (const o of ws.orderby ?? []) this.expr(o?.expr ?? o, scope);
  }

  expr(node: Node, scope: Scope, piiOk = false): void {
    if (node == null) return;
    if (Array.isArray(node)) {
      for (const n of node) this.expr(n, scope, piiOk);
      return;
    }
    if (node.ast) {
      this.statement(node.ast, scope, scope.ctes);
      return;
    }
    const type = node.type as string;
    if (LITERALS.has(type)) return;
    switch (type) {
      case 'column_ref':
        if (columnName(node) === '*') return; // COUNT(*): counted by the aggregate
        this.column(node, scope, piiOk);
        return;
      case 'double_quote_string':
        // SQLite (and MySQL with ANSI_QUOTES) read "email" as the column when one exists.
        this.column({ table: null, column: node.value }, scope, piiOk, true);
        return;
      case 'binary_expr':
        this.expr(node.left, scope);
        this.expr(node.right, scope);
        return;
      case 'unary_expr':
        this.expr(node.expr, scope);
        return;
      case 'expr_list':
        this.expr(node.value, scope);
        return;
      case 'case':
        this.expr(node.expr, scope);
        for (const a of node.args ?? []) {
          this.expr(a.cond, scope);
          this.expr(a.result, scope);
        }
        return;
      case 'cast':
      case 'interval':
        this.expr(node.expr, scope);
        return;
      case 'extract':
        this.expr(node.args?.source, scope);
        return;
      case 'function':
        this.func(node, scope);
        return;
      case 'aggr_func':
        this.aggregate(node, scope);
        return;
      case 'var':
      case 'assign':
        throw fail('variable', 'user and system variables (@x, @@x, :=) are not allowed; write values inline');
      default:
        throw fail(
          'unsupported',
          `the expression kind "${type}" is not supported; use plain columns, literals, functions and CASE`,
        );
    }
  }

  private func(node: Node, scope: Scope): void {
    const parts: Node[] = node.name?.name ?? [];
    if (parts.length !== 1) throw fail('qualified_name', 'call functions by their plain name, without a schema prefix');
    const name = ident(parts[0]).toLowerCase();
    if (DENIED_FUNCTIONS.has(name)) {
      throw fail(
        'function_denied',
        `${name.toUpperCase()}() is not allowed: it waits, locks, reads files or server state; analytical queries do not need it`,
      );
    }
    const args: Node[] = node.args?.value ?? (node.args ? [node.args] : []);
    const sized = SIZED_FUNCTIONS[name];
    if (sized) {
      for (const idx of sized) {
        const a = args[idx];
        if (a?.type !== 'number' || Number(a.value) > MAX_SIZE_ARGUMENT) {
          throw fail(
            'function_denied',
            `${name.toUpperCase()}() needs a literal size of at most ${MAX_SIZE_ARGUMENT}; large sizes allocate memory on the server`,
          );
        }
      }
    }
    if ((sized || CONCAT_FUNCTIONS.has(name)) && containsSized(node) && sizeBound(node) > MAX_SIZED_RESULT) {
      throw fail(
        'function_denied',
        `${name.toUpperCase()}() would build values of up to ${sizeBound(node)} characters ` +
          `(sizes multiply through nesting and concatenation); keep it under ${MAX_SIZED_RESULT}`,
      );
    }
    if (this.dialect === 'sqlite' && FORMAT_FUNCTIONS.has(name)) {
      const f = args[0];
      if (f?.type !== 'single_quote_string' || /%[-+ 0#,!]*(\*|\d{4,})|\.(\*|\d{4,})/.test(String(f.value))) {
        throw fail('function_denied', `${name}() needs a literal format without "*" and with widths under 1000`);
      }
    }
    this.expr(args, scope);
    this.over(node.over, scope);
  }

  private aggregate(node: Node, scope: Scope): void {
    const name = String(node.name ?? '').toLowerCase();
    const arg = node.args?.expr;
    const direct = arg?.type === 'column_ref' || arg?.type === 'double_quote_string';
    // COUNT(col) and COUNT(DISTINCT col) reveal how many, never which: allowed over personal columns.
    this.expr(arg, scope, PII_SAFE_AGGREGATES.has(name) && direct);
    for (const o of node.args?.orderby ?? []) this.expr(o?.expr ?? o, scope);
    this.over(node.over, scope);
  }

  private over(over: Node, scope: Scope): void {
    if (!over) return;
    this.windowSpec(over.as_window_specification ?? over, scope);
  }

  /** Resolves a column reference; personal columns are refused unless inside COUNT(). */
  private column(ref: Node, scope: Scope, piiOk: boolean, maybeString = false): void {
    if (ref.db) throw fail('qualified_name', 'write columns as column or alias.column, without a database prefix');
    const name = String(columnName(ref)).toLowerCase();
    if (ref.table) {
      const r = findRelation(scope, ident(ref.table).toLowerCase(), !maybeString);
      if (!r.table) return;
      this.columns.add(`${r.table.name}.${name}`);
      if (r.pii.has(name) && !piiOk) throw personal(r.table.name, name);
      return;
    }
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      for (const r of s.relations) {
        if (!r.table || !r.table.columns.some((c) => c.name === name)) continue;
        if (!maybeString) this.columns.add(`${r.table.name}.${name}`);
        if (r.pii.has(name) && !piiOk) throw personal(r.table.name, name);
      }
    }
  }
}

function personal(table: string, column: string): SqlRejected {
  return new SqlRejected(
    'personal_data',
    `${table}.${column} is personal data and cannot be returned, filtered, joined, grouped or sorted on; count it (COUNT(DISTINCT ${column})) or group by country, city or user_level instead`,
  );
}

function columnName(ref: Node): string {
  const c = ref.column;
  return typeof c === 'string' ? c : ident(c?.expr ?? c);
}

/** Names arrive as plain strings or, when quoted, as {type: 'backticks_quote_string', value}. */
function ident(x: Node): string {
  if (typeof x === 'string') return x;
  if (x && typeof x.value === 'string') return x.value;
  throw fail('unsupported', 'a name in this statement has an unexpected form; use plain table and column names');
}

function findRelation(scope: Scope, alias: string, strict: boolean): Relation {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const r = s.relations.find((x) => x.alias === alias);
    if (r) return r;
  }
  if (!strict) return { alias, pii: new Set() };
  throw fail(
    'unknown_reference',
    `"${alias}" is not a table or alias in this part of the query; qualify columns with a table or alias from its FROM clause`,
  );
}

function isAnalyticsName(name: string): boolean {
  try {
    analyticsTable(name, null);
    return true;
  } catch {
    return false;
  }
}

/** A derived table that yields one row (an aggregate without GROUP BY, or LIMIT 1) may be cross-joined. */
function isSingleRow(ast: Node): boolean {
  if (!ast || ast._next || ast.with) return false;
  const lim = ast.limit?.value;
  const n = lim?.[ast.limit.seperator === ',' ? 1 : 0];
  if (n?.type === 'number' && Number(n.value) === 1) return true;
  if (ast.groupby || ast.having) return false;
  return (ast.columns ?? []).every((c: Node) => c?.expr?.type === 'aggr_func' && !c.expr.over);
}

const fnName = (node: Node): string => {
  const parts: Node[] = node?.name?.name ?? [];
  return parts.length === 1 ? ident(parts[0]).toLowerCase() : '';
};
const fnArgs = (node: Node): Node[] => node?.args?.value ?? (node?.args ? [node.args] : []);
const literalSize = (a: Node): number =>
  a?.type === 'number' && Number.isFinite(Number(a.value)) ? Number(a.value) : Infinity;

function containsSized(node: Node): boolean {
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'function' && SIZED_FUNCTIONS[fnName(node)]) return true;
  return Object.values(node).some((v) => containsSized(v));
}

/** An upper bound on the length of the value an expression builds; a non-literal size counts as unbounded. */
function sizeBound(node: Node): number {
  switch (node?.type) {
    case 'single_quote_string':
    case 'natural_string':
    case 'number':
      return String(node.value).length;
    case 'null':
      return 0;
    case 'cast':
      return sizeBound(node.expr);
    case 'binary_expr':
      return node.operator === '||' ? sizeBound(node.left) + sizeBound(node.right) : UNKNOWN_SIZE;
    case 'function':
      return functionSize(fnName(node), fnArgs(node));
    default:
      return UNKNOWN_SIZE;
  }
}

function functionSize(name: string, args: Node[]): number {
  if (name === 'repeat') return sizeBound(args[0]) * literalSize(args[1]);
  if (name === 'lpad' || name === 'rpad') return literalSize(args[1]);
  if (name === 'space' || name === 'randomblob' || name === 'zeroblob') return literalSize(args[0]);
  const total = args.reduce((sum, a) => sum + sizeBound(a), 0);
  if (name === 'concat_ws') return total + sizeBound(args[0]) * Math.max(0, args.length - 3);
  // Other functions (UPPER, TRIM, REPLACE …) are counted as keeping the size of their arguments.
  return Math.max(UNKNOWN_SIZE, total);
}

interface FromLink {
  alias: string;
  /** Joined to the items before it by JOIN … ON/USING (or a one-row subquery); false for a comma. */
  joined: boolean;
}

/**
 * Old-style joins (`FROM a, b WHERE a.k = b.k`): every FROM item must be linked to the others, through an
 * explicit JOIN or through a column equality between two different items among the top-level AND terms of
 * WHERE. Anything else (OR, <, an equality with a constant, a link missing for one table) leaves a true
 * cartesian product and is refused.
 */
function requireJoinGraph(links: FromLink[], where: Node, scope: Scope): void {
  const parent = links.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  links.forEach((l, i) => i > 0 && l.joined && union(i, i - 1));
  for (const term of conjuncts(where)) {
    if (term?.type !== 'binary_expr' || term.operator !== '=') continue;
    const a = owner(term.left, links, scope);
    const b = owner(term.right, links, scope);
    if (a !== undefined && b !== undefined && a !== b) union(a, b);
  }
  const loose = links.filter((_, i) => find(i) !== find(0)).map((l) => l.alias);
  if (loose.length) {
    throw fail(
      'cartesian_product',
      `${loose.join(', ')} is listed after a comma but no WHERE equality links it to the other tables, ` +
        'so every row meets every row; add the join key (e.g. WHERE oi.order_id = o.order_id) or use JOIN … ON',
    );
  }
}

function conjuncts(node: Node): Node[] {
  if (node?.type === 'binary_expr' && String(node.operator).toUpperCase() === 'AND') {
    return [...conjuncts(node.left), ...conjuncts(node.right)];
  }
  return node ? [node] : [];
}

/** Which FROM item a column belongs to: by its qualifier, or the one base table of this scope that has it. */
function owner(ref: Node, links: FromLink[], scope: Scope): number | undefined {
  if (ref?.type !== 'column_ref') return undefined;
  const name = String(columnName(ref)).toLowerCase();
  if (ref.table) {
    const i = links.findIndex((l) => l.alias === ident(ref.table).toLowerCase());
    return i < 0 ? undefined : i;
  }
  const having = scope.relations.filter((r) => r.table?.columns.some((c) => c.name === name));
  if (having.length !== 1 || scope.relations.some((r) => !r.table)) return undefined;
  const i = links.findIndex((l) => l.alias === having[0]!.alias);
  return i < 0 ? undefined : i;
}

function mentionsColumn(node: Node): boolean {
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'column_ref' || node.type === 'double_quote_string') return true;
  return Object.values(node).some((v) => mentionsColumn(v));
}
