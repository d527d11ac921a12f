// One table as CSV for spreadsheets: UTF-8 with a BOM (Excel), CRLF rows, and no cell a spreadsheet would run.
import type { TableRecord } from '../../protocol/index.ts';
import { stripBidi } from '../../guardrails/bidi.ts';

// Superset's rules for formula injection: a cell starting with = + - @ | %, or with blanks or "" before one of
// them, or with a tab or CR, is run by spreadsheet apps. Such text gets a leading quote and its pipes escaped
// (DDE payloads use |); a plain negative number is left alone.
const FORMULA_START = /^(?:""|\s+)(?=[-@+|=%])|^[-@+|=%\t\r]/;
const NEGATIVE_NUMBER = /^-[0-9.]+$/;

export function neutraliseFormula(s: string): string {
  if (!FORMULA_START.test(s) || NEGATIVE_NUMBER.test(s)) return s;
  return `'${s.replace(/\|/g, '\\|')}`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = stripBidi(typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (typeof v === 'string') s = neutraliseFormula(s);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableToCsv(t: TableRecord): string {
  const lines = [t.columns.map(csvCell).join(','), ...t.rows.map((r) => t.columns.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
