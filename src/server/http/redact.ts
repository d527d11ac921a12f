// What each role may see of a turn: viewers get tool names, timings and row counts but never SQL text or
// parameters; every chart passes the chart guard before it leaves the server, including stored ones.
import type { StepRecord, TurnEvent, TurnSummary } from '../../protocol/turn.ts';
import type { ChartSpec, Role } from '../../tools/types.ts';
import { checkChart } from '../../guardrails/chart-guard.ts';

const seesSql = (role: Role) => role !== 'viewer';

export function redactStep(step: StepRecord, role: Role): StepRecord {
  if (seesSql(role)) return step;
  return {
    ...step,
    input: step.tool === 'run_sql' ? {} : step.input,
    queries: step.queries.map((q) => ({ label: q.label, elapsedMs: q.elapsedMs, rowCount: q.rowCount, sql: '', params: [] })),
  };
}

export function safeCharts(charts: ChartSpec[], onReject?: (reason: string) => void): ChartSpec[] {
  const out: ChartSpec[] = [];
  for (const c of charts) {
    const r = checkChart(c);
    if (r.ok) out.push(r.spec);
    else onReject?.(r.reason);
  }
  return out;
}

export function redactSummary(turn: TurnSummary, role: Role, onReject?: (reason: string) => void): TurnSummary {
  return { ...turn, steps: turn.steps.map((s) => redactStep(s, role)), charts: safeCharts(turn.charts, onReject) };
}

/** null when the event must not be sent at all (a chart that failed the guard). */
export function redactEvent(ev: TurnEvent, role: Role, onReject?: (reason: string) => void): TurnEvent | null {
  switch (ev.type) {
    case 'tool_started':
      return !seesSql(role) && ev.tool === 'run_sql' ? { ...ev, input: {} } : ev;
    case 'tool_finished':
      return { ...ev, step: redactStep(ev.step, role) };
    case 'chart': {
      const r = checkChart(ev.spec);
      if (!r.ok) {
        onReject?.(r.reason);
        return null;
      }
      return { type: 'chart', spec: r.spec };
    }
    case 'done':
      return { type: 'done', turn: redactSummary(ev.turn, role, onReject) };
    default:
      return ev;
  }
}
