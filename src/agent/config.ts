// Environment for the model and the conversation store, validated once with zod.
// The server's own settings (port, auth) are added here by the server module.
import { z } from 'zod';
import { TidelensError } from '../errors.ts';
import type { TurnLimits } from './limits.ts';

const Env = z.object({
  TIDELENS_PROVIDER: z.enum(['offline', 'bedrock', 'openai']).default('offline'),
  BEDROCK_MODEL_ID: z.string().min(1).optional(),
  /** Only for tests and VPC endpoints; the region's default endpoint otherwise. */
  BEDROCK_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_MODEL: z.string().min(1).optional(),
  TIDELENS_STORE: z.enum(['sqlite', 'dynamo']).default('sqlite'),
  TIDELENS_STORE_PATH: z.string().min(1).default('./data/conversations.db'),
  DYNAMO_TABLE: z.string().min(3).max(255).default('tidelens-conversations'),
  DYNAMO_ENDPOINT: z.url().optional(),
  /** Temporary conversations expire after this many days; saved ones are kept. */
  TIDELENS_TTL_DAYS: z.coerce.number().positive().default(3),
  TIDELENS_MAX_ROUNDS: z.coerce.number().int().min(1).max(50).default(8),
  TIDELENS_MAX_TOOL_CALLS: z.coerce.number().int().min(1).max(200).default(24),
  TIDELENS_TURN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  TIDELENS_MAX_ANSWER_TOKENS: z.coerce.number().int().min(64).default(4096),
  TIDELENS_QUESTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = Env.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new TidelensError('bad_config', `${String(i.path[0])}: ${i.message}`);
  }
  return r.data;
}

/** The turn bounds set in the environment, for createAssistant. */
export function turnLimitsFrom(cfg: Config): Partial<TurnLimits> {
  return {
    maxRounds: cfg.TIDELENS_MAX_ROUNDS,
    maxToolCalls: cfg.TIDELENS_MAX_TOOL_CALLS,
    maxTurnMs: cfg.TIDELENS_TURN_TIMEOUT_MS,
    maxAnswerTokens: cfg.TIDELENS_MAX_ANSWER_TOKENS,
  };
}
