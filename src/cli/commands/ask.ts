// `tidelens ask "QUESTION"`: one turn of the assistant from the shell, stored like a chat turn so
// --conversation can follow up on it.
import { randomUUID } from 'node:crypto';
import { openDb, resolveDbTarget } from '../../db/index.ts';
import { TidelensError } from '../../errors.ts';
import type { StepRecord, TurnSummary } from '../../protocol/turn.ts';
import type { Assistant, AssistantEvent } from '../../agent/assistant-types.ts';
import { collectTurn, createAssistant } from '../../agent/assistant.ts';
import { loadConfig, turnLimitsFrom } from '../../agent/config.ts';
import { detectLanguage } from '../../agent/language.ts';
import { createProvider, type ProviderName } from '../../agent/providers/factory.ts';
import { appendTurnFor, conversationTurns, getConversation } from '../../server/store/access.ts';
import { openStore } from '../../server/store/index.ts';
import type { ConversationStore } from '../../server/store/types.ts';
import { loadDataRange } from '../../tools/sql/data-range.ts';
import type { Tool, ToolUser } from '../../tools/types.ts';
import { cliUser, loadTools } from '../turn-deps.ts';
import { parseFlags, type Command, type Io } from '../command.ts';

const PROVIDERS = ['offline', 'bedrock', 'openai'] as const;

const help = `Usage: npx tidelens ask "QUESTION" [--provider offline|bedrock|openai] [--db URL] [--conversation ID] [--json]

Asks the assistant one question and prints the answer, the steps it took (tool, input, SQL) and the
titles of its charts. The turn is stored (TIDELENS_STORE, default ./data/conversations.db), so
--conversation ID asks a follow-up in the same conversation.

Options:
  --provider NAME      offline (default, no network), bedrock (BEDROCK_MODEL_ID, AWS_REGION)
                       or openai (OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_API_KEY); default TIDELENS_PROVIDER
  --db URL             sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB (default TIDELENS_DB, RDS_*, sqlite:./data/tidelens.db)
  --conversation ID    continue this conversation
  --json               print {conversationId, language, answer, steps, charts, tables, ungrounded, timings, usage}

The CLI acts as user TIDELENS_CLI_USER (default "cli") with role TIDELENS_CLI_ROLE (default analyst).`;

function chartTitle(spec: Record<string, unknown>): string {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string')
    return (t as { text: string }).text;
  return typeof spec.description === 'string' ? spec.description : '(untitled chart)';
}

export function jsonOutput(s: TurnSummary) {
  return {
    conversationId: s.conversationId,
    turnId: s.turnId,
    language: s.language,
    answer: s.answer,
    stopReason: s.stopReason,
    steps: s.steps.map((st: StepRecord) => ({
      tool: st.tool,
      input: st.input,
      sql: st.queries.length ? st.queries.map((q) => q.sql).join(';\n') : null,
      rowCount: st.rowCount,
      error: st.error ?? null,
      elapsedMs: st.elapsedMs,
    })),
    charts: s.charts,
    tables: s.tables,
    ungrounded: s.ungrounded,
    suggestions: s.suggestions,
    timings: s.timings,
    usage: s.usage,
  };
}

function printText(io: Io, s: TurnSummary): void {
  io.out(s.answer);
  if (s.steps.length) {
    io.out('');
    io.out('Steps:');
    s.steps.forEach((st, i) => {
      const status = st.error ? `error ${st.error.code}: ${st.error.message}` : `${st.rowCount} row(s)`;
      io.out(`  ${i + 1}. ${st.tool} ${JSON.stringify(st.input)} → ${status}, ${Math.round(st.elapsedMs)} ms`);
      for (const q of st.queries)
        io.out(`     SQL${q.label ? ` (${q.label})` : ''}: ${q.sql.replace(/\s+/g, ' ').trim()}`);
    });
  }
  if (s.charts.length) io.out(`\nCharts: ${s.charts.map(chartTitle).join('; ')}`);
  if (s.ungrounded.length) io.out(`\nNumbers not found in any tool result: ${s.ungrounded.join(', ')}`);
  if (s.suggestions.length) io.out(`\nYou could also ask:\n${s.suggestions.map((q) => `  - ${q}`).join('\n')}`);
  const cost = s.usage.estimatedCostUsd ? `, ~$${s.usage.estimatedCostUsd.toFixed(4)}` : '';
  io.out(
    `\n[${s.stopReason}; ${Math.round(s.timings.totalMs)} ms (model ${Math.round(s.timings.modelMs)}, SQL ${Math.round(s.timings.sqlMs)}); ${s.usage.inputTokens} in / ${s.usage.outputTokens} out tokens${cost}]`,
  );
  io.out(`Conversation ${s.conversationId}: follow up with --conversation ${s.conversationId}`);
}

export interface AskDeps {
  loadTools: () => Promise<Tool[]>;
}

export const askCommand: Command = askCommandWith({ loadTools });

/** The tool list comes in as a dependency, so tests can run the command with their own small tools. */
export function askCommandWith(deps: AskDeps): Command {
  return {
    name: 'ask',
    summary: 'Ask the assistant a question from the shell',
    help,
    async run(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        {
          provider: { type: 'string' },
          db: { type: 'string' },
          conversation: { type: 'string' },
          json: { type: 'boolean' },
        },
        'ask',
        true,
      );
      const question = positionals.join(' ').trim();
      if (!question)
        throw new TidelensError(
          'bad_input',
          'ask: give a question, e.g. npx tidelens ask "net sales last month by channel"',
        );
      if (values.provider && !PROVIDERS.includes(values.provider as ProviderName)) {
        throw new TidelensError(
          'bad_input',
          `ask: --provider must be one of ${PROVIDERS.join(', ')} (got "${values.provider}")`,
        );
      }
      const cfg = loadConfig(io.env);
      const user = cliUser(io.env);
      const provider = await createProvider(
        (values.provider as ProviderName | undefined) ?? cfg.TIDELENS_PROVIDER,
        cfg,
      );
      const tools = await deps.loadTools();
      const ac = new AbortController();
      const onSigint = () => ac.abort(new TidelensError('internal', 'cancelled by Ctrl-C'));
      process.once('SIGINT', onSigint);
      const opened: { close(): Promise<void> }[] = [];
      try {
        const db = await openDb(resolveDbTarget(values.db, io.env));
        opened.push(db);
        const data = await loadDataRange(db);
        const assistant = createAssistant({ provider, tools, db, data, limits: turnLimitsFrom(cfg) });
        const store = openStore(cfg);
        opened.push(store);
        const turn = { assistant, store, user, question, conversationId: values.conversation, signal: ac.signal };
        const summary = await askOnce(turn, (e) => {
          if (!values.json && io.isTty && e.type === 'tool_started') io.err(`… ${e.tool} ${JSON.stringify(e.input)}`);
        });
        if (values.json) io.out(JSON.stringify(jsonOutput(summary), null, 2));
        else printText(io, summary);
        return summary.stopReason === 'error' ? 1 : 0;
      } finally {
        process.off('SIGINT', onSigint);
        for (const o of opened.reverse()) await o.close();
      }
    },
  };
}

interface AskOnce {
  assistant: Assistant;
  store: ConversationStore;
  user: ToolUser;
  question: string;
  /** Continue this conversation; a new one otherwise. */
  conversationId?: string;
  signal: AbortSignal;
}

/** One turn in a new or continued conversation, stored like a chat turn. */
async function askOnce(a: AskOnce, onEvent: (e: AssistantEvent) => void): Promise<TurnSummary> {
  const { store, user, question } = a;
  const conv = a.conversationId
    ? await getConversation(store, user, a.conversationId)
    : await store.create(user.id, question.slice(0, 80));
  const history = a.conversationId ? await conversationTurns(store, user, conv.id) : [];
  const events = a.assistant.runTurn({
    conversationId: conv.id,
    turnId: randomUUID(),
    question,
    language: detectLanguage(question),
    user,
    history,
    signal: a.signal,
  });
  const { summary, messages } = await collectTurn(events, onEvent);
  // Kept whatever the outcome, so a failed turn is visible in the conversation too.
  const createdAt = new Date().toISOString();
  await appendTurnFor(store, user, {
    turnId: summary.turnId,
    conversationId: conv.id,
    createdAt,
    question,
    summary,
    messages,
  });
  return summary;
}
