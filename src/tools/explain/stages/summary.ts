// The summary lines the model reads first: scope, direction, season, drivers, ranked causes and what
// they leave unexplained, with every figure formatted in the metric's unit.
import { noteLines, scopeLine, type Scope } from '../../filters.ts';
import type { Ranking } from '../causes.ts';
import type { Segment } from '../cube.ts';
import type { Drivers } from '../drivers.ts';
import { shortMethod } from '../model-data.ts';
import type { MetricProfile } from '../profiles.ts';
import type { ExplainChangeFacts } from '../result.ts';

export interface SummaryInput {
  scope: Scope;
  profile: MetricProfile;
  change: ExplainChangeFacts;
  ranking: Ranking;
  drivers: Drivers;
  fmt: (v: number) => string;
  premise?: 'drop' | 'rise';
}

/** "channel = amazon × product = A, B, C, D (+2)": at most four values per dimension. */
export function segmentText(seg: Segment): string {
  const parts = Object.entries(seg).map(
    ([d, v]) => `${d} = ${v.length > 4 ? `${v.slice(0, 4).join(', ')} (+${v.length - 4})` : v.join(', ')}`,
  );
  return parts.length ? parts.join(' × ') : 'everything';
}

const signed = (x: number, text: string) => `${x >= 0 ? '+' : ''}${text}`;

export function summaryLines(s: SummaryInput): string {
  const { change, fmt } = s;
  const label = s.profile.label;
  const relText =
    s.profile.unit === 'ratio'
      ? `${signed(change.delta, (change.delta * 100).toFixed(2))} pp`
      : change.relative === null
        ? 'n/a'
        : `${signed(change.relative, (change.relative * 100).toFixed(1))}%`;
  const out = [
    scopeLine(s.scope),
    `Direction: ${change.direction.toUpperCase()}. ${label} ${fmt(change.a)} → ${fmt(change.b)} ` +
      `(${signed(change.delta, fmt(change.delta))}, ${relText}).`,
  ];
  if (s.premise && ((s.premise === 'drop' && change.delta > 0) || (s.premise === 'rise' && change.delta < 0))) {
    out.push(
      `Premise check: the question assumes a ${s.premise}, but ${label.toLowerCase()} ` +
        `${change.delta > 0 ? 'rose' : 'fell'}. Say so first.`,
    );
  }
  if (change.season) {
    const where = change.b >= change.season.expected_b ? 'above' : 'below';
    out.push(
      `Season: the same months last year moved ${(change.season.last_year.change * 100).toFixed(1)}%, ` +
        `which would put ${s.scope.period.label} at ${fmt(change.season.expected_b)}; ` +
        `actual is ${fmt(change.b)} (${where} the seasonal expectation).`,
    );
  } else out.push('Season: the data has no same months last year to compare with.');
  const steps = s.drivers.steps.slice(0, 8).map((d) => `${d.label} ${signed(d.contribution, fmt(d.contribution))}`);
  out.push(`Drivers (${shortMethod(s.drivers.method)}): ${steps.join('; ')}.`);
  out.push(...causeLines(s.ranking, fmt));
  if (s.ranking.noClearCause) out.push(`No clear single cause: ${s.ranking.reason}.`);
  out.push(`Not explained by the causes above: ${signed(s.ranking.residual, fmt(s.ranking.residual))}.`);
  out.push(...noteLines(s.scope));
  return out.join('\n');
}

function causeLines(ranking: Ranking, fmt: (v: number) => string): string[] {
  if (!ranking.causes.length) return [];
  return [
    'Ranked causes (share of the change; effect vs the expected value):',
    ...ranking.causes.slice(0, 6).map((c, i) => {
      const share = c.share === null ? 'n/a' : `${(c.share * 100).toFixed(0)}%`;
      const where = Object.keys(c.segment).length ? ` — segment ${segmentText(c.segment)}` : '';
      const effect = c.effect === null ? 'not measurable on this metric' : signed(c.effect, fmt(c.effect));
      const head = `${i + 1}. [${c.kind}, ${c.confidence}] ${c.title}${where}`;
      return `${head}: ${effect} (${share}); evidence: ${c.evidence.query}.`;
    }),
  ];
}
