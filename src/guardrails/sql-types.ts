// The guard's verdicts: what checkSql returns and the CLI and run_sql report.
export type SqlDialect = 'mysql' | 'sqlite';

export type RejectCode =
  | 'too_long'
  | 'too_deep'
  | 'bad_character'
  | 'comment_trap'
  | 'version_comment'
  | 'variable'
  | 'multiple_statements'
  | 'parse_error'
  | 'not_select'
  | 'into'
  | 'locking_read'
  | 'recursive_cte'
  | 'table_not_allowed'
  | 'system_schema'
  | 'qualified_name'
  | 'unknown_reference'
  | 'personal_data'
  | 'function_denied'
  | 'cartesian_product'
  | 'unsupported';

export interface SqlRejection {
  verdict: 'reject';
  code: RejectCode;
  /** Written for the model: what is wrong and what to do instead. */
  reason: string;
}

export interface SqlAllowed {
  verdict: 'allow';
  /** The statement to run: regenerated from the checked syntax tree, with the row limit applied. */
  sql: string;
  /** Analytics tables the statement reads. */
  tables: string[];
  /** table.column for every base-table column it references. */
  columns: string[];
  /** The LIMIT the statement now carries. */
  limit: number;
}

export type SqlVerdict = SqlAllowed | SqlRejection;

export interface CheckOptions {
  dialect: SqlDialect;
  /** Characters; longer input is rejected before parsing. Default 10000. */
  maxLength?: number;
  /** Rows; an absent or larger LIMIT becomes this. Default 1000. */
  maxRows?: number;
  /** Parenthesis nesting allowed before parsing. Default 32. */
  maxDepth?: number;
}

/** Thrown inside the walker and turned into a verdict at the top. */
export class SqlRejected extends Error {
  constructor(
    readonly code: RejectCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}
