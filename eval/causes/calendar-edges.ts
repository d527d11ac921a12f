// Which of a fuzz run's false campaign causes name a campaign of the generator's yearly calendar
// (seed/generator/traffic.ts) whose scheduled days really differ between the two periods the way the
// cause says (a start: more of its days in the period than in the comparison; an end: fewer). Those
// are real events the manifest does not list; match.ts counts them as false alarms whenever the
// scenario planted an event of the same kind (a Fuzz Promo start, an end of another campaign). Prints
// the counts and the precision with such causes left out of the count, beside the scored one.
// Reads only the JSONL the fuzzer wrote; it chooses nothing, so it may be run on any range's output.
//   npx tsx eval/causes/calendar-edges.ts FILE.jsonl [FILE.jsonl ...]
import { readFileSync } from 'node:fs';
import { parseDay } from '../../seed/generator/calendar.ts';
import { baselineCampaigns } from '../../seed/generator/traffic.ts';
import { drawScenario } from './draw.ts';
import { causeMatches, isBaselineCampaign, type PlantedEvent } from './match.ts';
import type { CaseResult } from './run-case.ts';

const TOP = 5;
const EVENT_KINDS = new Set([
  'stockout',
  'campaign_start',
  'campaign_end',
  'price_increase',
  'price_decrease',
  'traffic_drop',
  'traffic_surge',
  'channel_outage',
  'returns_spike',
  'rating_drop',
]);

/** Share of a period's days a campaign (day numbers, inclusive) ran. */
function share(start: number, end: number, p: { from: string; to: string }): number {
  const from = parseDay(p.from);
  const to = parseDay(p.to);
  return Math.max(0, Math.min(end, to) - Math.max(start, from) + 1) / (to - from + 1);
}

const yearless = (x: string) => x.replace(/\s*\b(19|20)\d{2}\b/g, '').trim();

let scored = { reported: 0, correct: 0 };
let edges = 0;
let notEdges = 0;
for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as CaseResult;
    scored = { reported: scored.reported + r.reported, correct: scored.correct + r.correct };
    const d = drawScenario(r.seed, { leadDays: 92 });
    const a = d.scenario.target.comparisons[0]!;
    const b = d.scenario.target.period;
    const planted: PlantedEvent[] = d.scenario.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      segment: e.segment,
      skus: [],
      campaign: e.campaign?.name,
    }));
    const kinds = new Set(planted.map((e) => e.kind));
    const calendar = baselineCampaigns(parseDay(d.span.from), parseDay(d.span.to));
    // The causes the scorer counted, in its order; campaign causes match on names only, so no SKUs are needed.
    const counted = r.causes
      .filter((c) => EVENT_KINDS.has(c.kind) && (!isBaselineCampaign(c) || kinds.has(c.kind)))
      .slice(0, TOP);
    for (const c of counted) {
      if (!isBaselineCampaign(c) || planted.some((e) => causeMatches(e, c, () => []))) continue;
      const source = c.segment.source?.[0] ?? '';
      const year = /\b(19|20)\d{2}\b/.exec(source)?.[0];
      const runs = calendar.filter(
        (k) => source.includes(yearless(k.name)) && (year === undefined || k.name.endsWith(year)),
      );
      const inA = runs.reduce((s, k) => s + share(k.startDay, k.endDay, a), 0);
      const inB = runs.reduce((s, k) => s + share(k.startDay, k.endDay, b), 0);
      const edge = c.kind === 'campaign_start' ? inB > inA : inA > inB;
      if (edge) edges++;
      else {
        notEdges++;
        console.log(
          `seed ${r.seed}: ${c.kind} ${source} runs ${inA.toFixed(2)} of the comparison, ${inB.toFixed(2)} of the period`,
        );
      }
    }
  }
}
const pct = (x: number, y: number) => `${x}/${y} = ${y ? (x / y).toFixed(3) : '—'}`;
console.log(`false calendar-campaign causes: ${edges} real edges of the calendar, ${notEdges} not`);
console.log(`precision as scored: ${pct(scored.correct, scored.reported)}`);
console.log(`precision with real calendar edges not counted: ${pct(scored.correct, scored.reported - edges)}`);
