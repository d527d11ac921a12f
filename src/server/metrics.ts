// Prometheus metrics for one app: turns, tools, SQL, model tokens and cost, errors, rate-limit refusals.
// Each app gets its own registry so tests (and two apps in one process) never share counters; the process
// metrics (CPU, heap, event-loop lag) are collected once per process and appended at scrape time.
// Callers record through the functions below; hooks.ts feeds them from the server layer, so the agent loop
// and the tool dispatcher stay unaware of Prometheus.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { StepRecord, TurnSummary } from '../protocol/turn.ts';

/** Seconds; a turn is bounded by TIDELENS_TURN_TIMEOUT_MS (120 s by default). */
const TURN_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];
const QUERY_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** The names CloudWatch alarms and dashboards refer to (infra/ imports this list). */
export const METRIC_NAMES = {
  turns: 'tidelens_turns_total',
  turnSeconds: 'tidelens_turn_duration_seconds',
  toolSeconds: 'tidelens_tool_duration_seconds',
  sqlSeconds: 'tidelens_sql_duration_seconds',
  modelSeconds: 'tidelens_model_duration_seconds',
  tokens: 'tidelens_model_tokens_total',
  cost: 'tidelens_model_cost_usd_total',
  errors: 'tidelens_errors_total',
  rateLimited: 'tidelens_rate_limited_total',
  httpSeconds: 'tidelens_http_request_duration_seconds',
} as const;

export type RateLimitScope = 'login' | 'questions' | 'other';
export type ErrorSource = 'http' | 'turn' | 'tool';

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly turns = this.counter(METRIC_NAMES.turns, 'Chat turns by stop reason', ['stop_reason']);
  private readonly turnSeconds = this.histogram(
    METRIC_NAMES.turnSeconds,
    'Chat turn duration',
    ['stop_reason'],
    TURN_BUCKETS,
  );
  private readonly toolSeconds = this.histogram(
    METRIC_NAMES.toolSeconds,
    'Tool call duration',
    ['tool', 'outcome'],
    QUERY_BUCKETS,
  );
  private readonly sqlSeconds = this.histogram(
    METRIC_NAMES.sqlSeconds,
    'Warehouse query duration',
    ['tool'],
    QUERY_BUCKETS,
  );
  private readonly modelSeconds = this.histogram(METRIC_NAMES.modelSeconds, 'Model time per turn', [], TURN_BUCKETS);
  private readonly tokens = this.counter(METRIC_NAMES.tokens, 'Model tokens', ['kind']);
  private readonly cost = this.counter(METRIC_NAMES.cost, 'Estimated model cost in US dollars', []);
  private readonly errors = this.counter(METRIC_NAMES.errors, 'Errors by code and where they surfaced', [
    'code',
    'source',
  ]);
  private readonly rateLimited = this.counter(METRIC_NAMES.rateLimited, 'Requests refused by a rate limit', ['scope']);
  private readonly httpSeconds = this.histogram(
    METRIC_NAMES.httpSeconds,
    'HTTP request duration (until the first byte for streams)',
    ['method', 'route', 'status'],
    QUERY_BUCKETS,
  );

  /** A finished tool call: its duration, and each query it ran. */
  toolFinished(step: StepRecord): void {
    // A model can invent tool names; only names the dispatcher knew become label values.
    const tool = step.error?.code === 'unknown_tool' ? 'unknown' : step.tool;
    this.toolSeconds.observe({ tool, outcome: step.error ? 'error' : 'ok' }, step.elapsedMs / 1000);
    for (const q of step.queries) this.sqlSeconds.observe({ tool }, q.elapsedMs / 1000);
    if (step.error) this.error(step.error.code, 'tool');
  }

  turnFinished(turn: TurnSummary, elapsedMs: number): void {
    this.turns.inc({ stop_reason: turn.stopReason });
    this.turnSeconds.observe({ stop_reason: turn.stopReason }, elapsedMs / 1000);
    this.modelSeconds.observe(turn.timings.modelMs / 1000);
    this.tokens.inc({ kind: 'input' }, turn.usage.inputTokens);
    this.tokens.inc({ kind: 'output' }, turn.usage.outputTokens);
    this.cost.inc(turn.usage.estimatedCostUsd);
    if (turn.stopReason === 'rate_limit') this.rateLimit('questions');
  }

  /** A turn that ended without a summary (an error event or a thrown error). */
  turnFailed(code: string, elapsedMs: number): void {
    this.turns.inc({ stop_reason: 'error' });
    this.turnSeconds.observe({ stop_reason: 'error' }, elapsedMs / 1000);
    this.error(code, 'turn');
  }

  error(code: string, source: ErrorSource): void {
    this.errors.inc({ code, source });
  }

  rateLimit(scope: RateLimitScope): void {
    this.rateLimited.inc({ scope });
  }

  request(labels: { method: string; route: string; status: number }, elapsedMs: number): void {
    this.httpSeconds.observe({ ...labels, status: String(labels.status) }, elapsedMs / 1000);
  }

  /** The Prometheus text exposition: this app's metrics, then the process's. */
  async text(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processMetrics().metrics()}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]) {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) {
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
