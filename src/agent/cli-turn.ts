// How the CLI runs one assistant turn (`tidelens ask`, `tidelens eval`): the registry's tools, the CLI
// user, the schema docs in the prompt and the turn limits from configuration, in one place.
import type { Db } from '../db/index.ts';
import { TidelensError } from '../errors.ts';
import { runTurnWithTranscript, type TurnOutcome } from './loop.ts';
import type { TurnEvent } from '../protocol/turn.ts';
import type { Config } from './config.ts';
import type { Message, ModelProvider } from './providers/types.ts';
import { renderForPrompt } from '../schema-docs/index.ts';
import type { DataRange, Role, Tool, ToolUser } from '../tools/types.ts';

const ROLES = ['viewer', 'analyst', 'admin'] as const;

export async function loadTools(): Promise<Tool[]> {
  const url = new URL('../tools/registry.ts', import.meta.url);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('registry.ts')) {
      throw new TidelensError('internal', 'the query tools (src/tools/registry.ts) are not part of this build yet, so there is nothing to answer with');
    }
    throw e;
  }
  const tools = mod.tools;
  if (!Array.isArray(tools) || !tools.length) throw new TidelensError('internal', 'src/tools/registry.ts exports no `tools` array');
  return tools as Tool[];
}

export function cliUser(env: NodeJS.ProcessEnv): ToolUser {
  const role = (env.TIDELENS_CLI_ROLE ?? 'analyst') as Role;
  if (!ROLES.includes(role)) throw new TidelensError('bad_config', `TIDELENS_CLI_ROLE must be one of ${ROLES.join(', ')} (got "${role}")`);
  return { id: env.TIDELENS_CLI_USER || 'cli', role };
}

export interface AssistantTurn {
  question: string;
  history: Message[];
  user: ToolUser;
  provider: ModelProvider;
  tools: Tool[];
  db: Db;
  data: DataRange;
  cfg: Config;
  signal?: AbortSignal;
  conversationId?: string;
  onEvent?: (e: TurnEvent) => void;
}

export function runAssistantTurn(t: AssistantTurn): Promise<TurnOutcome> {
  return runTurnWithTranscript({
    question: t.question,
    history: t.history,
    user: t.user,
    provider: t.provider,
    tools: t.tools,
    ctx: { db: t.db, data: t.data },
    schemaDocsText: renderForPrompt({ dialect: t.db.engine }),
    limits: {
      maxRounds: t.cfg.TIDELENS_MAX_ROUNDS,
      maxToolCalls: t.cfg.TIDELENS_MAX_TOOL_CALLS,
      maxTurnMs: t.cfg.TIDELENS_TURN_TIMEOUT_MS,
      maxAnswerTokens: t.cfg.TIDELENS_MAX_ANSWER_TOKENS,
    },
    signal: t.signal,
    conversationId: t.conversationId,
    onEvent: t.onEvent,
  });
}
