// `tidelens check-sql`: the run_sql guard without a database, for reviewing statements by hand or in CI.
import { TidelensError } from '../../errors.ts';
import { checkSql } from '../../guardrails/sql-check.ts';
import type { SqlDialect } from '../../guardrails/sql-types.ts';
import { parseFlags, type Command } from '../command.ts';

export const checkSqlCommand: Command = {
  name: 'check-sql',
  summary: 'Check statements against the run_sql guard (no database needed)',
  help: [
    'Usage: npx tidelens check-sql [--dialect mysql|sqlite] [--json] ["SELECT …"]',
    '',
    'Reads statements one per line from standard input, or one given as an argument, and prints one line per',
    'statement in order: "allow" or "reject: <reason>". Exit code 0 when all were allowed, 1 otherwise.',
    '',
    'Options:',
    '  --dialect mysql|sqlite  the engine whose SQL to parse (default mysql)',
    '  --json                  one JSON object per line: {"verdict", "reason"}',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { dialect: { type: 'string' }, json: { type: 'boolean' } },
      'check-sql',
      true,
    );
    const dialect = values.dialect ?? 'mysql';
    if (dialect !== 'mysql' && dialect !== 'sqlite') {
      throw new TidelensError('bad_input', `--dialect must be mysql or sqlite, not "${dialect}"`);
    }
    if (positionals.length > 1) {
      throw new TidelensError(
        'bad_input',
        'give one statement in quotes, or pipe several, one per line, on standard input',
      );
    }
    const statements = positionals.length ? positionals : (await io.stdin()).split('\n').filter((l) => l.trim());
    let allAllowed = true;
    for (const sql of statements) {
      const v = checkSql(sql, { dialect: dialect as SqlDialect });
      if (v.verdict === 'reject') allAllowed = false;
      if (values.json)
        io.out(
          JSON.stringify(
            v.verdict === 'allow'
              ? { verdict: 'allow', reason: null }
              : { verdict: 'reject', reason: v.reason, code: v.code },
          ),
        );
      else io.out(v.verdict === 'allow' ? 'allow' : `reject: ${v.reason}`);
    }
    return allAllowed ? 0 : 1;
  },
};
