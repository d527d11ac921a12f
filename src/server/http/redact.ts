// What each role may see of a turn: viewers get tool names, timings and row counts but never SQL text or
// parameters; every chart passes the chart guard before it leaves the server, including stored ones.
// Nobody sees the internal text behind a tool error (`detail`): it goes to the log through onToolError.
import type { StepRecord, TurnEvent, TurnSummary } from '../../protocol/turn.ts';
import type { ChartSpec, Role } from '../../tools/types.ts';
import { checkChart } from '../../guardrails/chart-guard.ts';
import { looksInternal, publicToolError } from '../../guardrails/tool-error.ts';

export interface ToolErrorDetail {
  tool?: string;
  code: string;
  detail: string;
}
type OnToolError = (e: ToolErrorDetail) => void;

const TURN_FAILED =
  'the answer failed because of an internal error; try again, and tell an administrator the request id if it persists';

/** The step's error without `detail`, and any message that still reads like internals replaced. */
function publicStepError(step: StepRecord, onToolError?: OnToolError): StepRecord {
  if (!step.error) return step;
  const { code, message, detail } = step.error as { code: string; message: string; detail?: unknown };
  const shown = publicToolError(code, message);
  const original = typeof detail === 'string' ? detail : shown.detail;
  if (original) onToolError?.({ tool: step.tool, code, detail: original });
  return { ...step, error: { code, message: shown.message } };
}

const seesSql = (role: Role) => role !== 'viewer';

export function redactStep(raw: StepRecord, role: Role, onToolError?: OnToolError): StepRecord {
  const step = publicStepError(raw, onToolError);
  if (seesSql(role)) return step;
  return {
    ...step,
    input: step.tool === 'run_sql' ? {} : step.input,
    queries: step.queries.map((q) => ({
      label: q.label,
      elapsedMs: q.elapsedMs,
      rowCount: q.rowCount,
      sql: '',
      params: [],
    })),
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

export function redactSummary(
  turn: TurnSummary,
  role: Role,
  onReject?: (reason: string) => void,
  onToolError?: OnToolError,
): TurnSummary {
  const answer = turn.stopReason === 'error' && looksInternal(turn.answer) ? TURN_FAILED : turn.answer;
  return {
    ...turn,
    answer,
    steps: turn.steps.map((s) => redactStep(s, role, onToolError)),
    charts: safeCharts(turn.charts, onReject),
  };
}

/** null when the event must not be sent at all (a chart that failed the guard). */
export function redactEvent(
  ev: TurnEvent,
  role: Role,
  onReject?: (reason: string) => void,
  onToolError?: OnToolError,
): TurnEvent | null {
  switch (ev.type) {
    case 'tool_started':
      return !seesSql(role) && ev.tool === 'run_sql' ? { ...ev, input: {} } : ev;
    case 'tool_finished':
      return { ...ev, step: redactStep(ev.step, role, onToolError) };
    case 'chart': {
      const r = checkChart(ev.spec);
      if (!r.ok) {
        onReject?.(r.reason);
        return null;
      }
      return { type: 'chart', spec: r.spec };
    }
    case 'done':
      // The steps were logged as tool_finished went out; the summary repeats them.
      return { type: 'done', turn: redactSummary(ev.turn, role, onReject) };
    case 'error': {
      if (ev.code !== 'internal' && !looksInternal(ev.message)) return ev;
      onToolError?.({ code: ev.code, detail: ev.message });
      return { ...ev, message: TURN_FAILED };
    }
    default:
      return ev;
  }
}
