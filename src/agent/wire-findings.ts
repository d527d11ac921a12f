// The findings a step sends to the browser and the store: the tool's own list, cut to a size a turn event can
// carry (the briefing needs the whole-result findings and the leading items, not fifty per-row shares), and
// with any finding that names something shaped like personal data left out. The guard already keeps personal
// columns out of results; this is the second lock, since a finding's names come from row values.
import { type Finding, WIRE_FINDINGS_MAX, WIRE_LIST_MAX } from '../protocol/index.ts';

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /\+?\d[\d ()-]{7,}\d/;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/;
const TOKEN = /\b[a-f0-9]{32,}\b|\$2[aby]\$\d{2}\$/i;

/** Whether any string in the finding looks like an email, phone number, IP address, token or password hash. */
export function namesPersonalData(f: Finding): boolean {
  const strings: string[] = [];
  JSON.stringify(f, (_k, v) => {
    if (typeof v === 'string') strings.push(v);
    return v;
  });
  // A date range ("2025-07-01 to 2025-07-14") is not a phone number.
  return strings.some(
    (s) => EMAIL.test(s) || IPV4.test(s) || TOKEN.test(s) || PHONE.test(s.replace(/\d{4}-\d{2}-\d{2}/g, '')),
  );
}

const short = <T>(xs: T[]): T[] => xs.slice(0, WIRE_LIST_MAX);
const TEXT_MAX = 300;

/** One finding with its lists cut to WIRE_LIST_MAX names (the counts and subjects stay whole). */
function shortened(f: Finding): Finding {
  switch (f.kind) {
    case 'ranking':
      return { ...f, items: short(f.items), fellToZero: short(f.fellToZero), roseFromZero: short(f.roseFromZero) };
    case 'extreme':
      return { ...f, among: short(f.among), excluded: short(f.excluded) };
    case 'count':
    case 'threshold':
      return { ...f, items: short(f.items) };
    case 'definition':
      return { ...f, text: f.text.slice(0, TEXT_MAX) };
    case 'maturity':
      return { ...f, note: f.note.slice(0, TEXT_MAX) };
    default:
      return f;
  }
}

/** Per-row findings (a share or change per segment, a rate per campaign) rank by size; the rest come first. */
function weight(f: Finding): number {
  if (f.kind === 'share') return Math.abs(f.share);
  if (f.kind === 'change') return f.subject === 'total' || f.subject === f.period ? Infinity : Math.abs(f.absolute);
  if (f.kind === 'rate') return f.subject === 'all' ? Infinity : 0;
  return Infinity;
}

/** The step's findings for the wire, in the tool's order; undefined when there are none. */
export function wireFindings(findings: readonly Finding[] | undefined): Finding[] | undefined {
  const clean = (findings ?? []).filter((f) => !namesPersonalData(f));
  if (!clean.length) return undefined;
  const kept = new Set(
    clean
      .map((f, i) => ({ i, w: weight(f) }))
      .sort((a, b) => b.w - a.w || a.i - b.i)
      .slice(0, WIRE_FINDINGS_MAX)
      .map((x) => x.i),
  );
  return clean.filter((_, i) => kept.has(i)).map(shortened);
}
