// Picks the provider from configuration (TIDELENS_PROVIDER), never from a test flag.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TidelensError } from '../../errors.ts';
import type { Config } from '../config.ts';
import { BedrockProvider } from './bedrock.ts';
import { OpenAiProvider } from './openai.ts';
import type { ModelProvider } from './types.ts';

export type ProviderName = Config['TIDELENS_PROVIDER'];

const OFFLINE = new URL('./offline/index.ts', import.meta.url);

export async function createProvider(name: ProviderName, cfg: Config): Promise<ModelProvider> {
  switch (name) {
    case 'bedrock':
      if (!cfg.BEDROCK_MODEL_ID) {
        throw new TidelensError('bad_config', 'BEDROCK_MODEL_ID is not set; set it to a model id with tool use, e.g. us.anthropic.claude-3-5-haiku-20241022-v1:0, and AWS_REGION to its region');
      }
      return new BedrockProvider({ modelId: cfg.BEDROCK_MODEL_ID, region: cfg.AWS_REGION, endpoint: cfg.BEDROCK_ENDPOINT });
    case 'openai':
      if (!cfg.OPENAI_BASE_URL || !cfg.OPENAI_MODEL) {
        throw new TidelensError('bad_config', 'the openai provider needs OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1) and OPENAI_MODEL (a model with tool calling); OPENAI_API_KEY when the server wants one');
      }
      return new OpenAiProvider({ baseUrl: cfg.OPENAI_BASE_URL, model: cfg.OPENAI_MODEL, apiKey: cfg.OPENAI_API_KEY });
    case 'offline': {
      if (!existsSync(fileURLToPath(OFFLINE))) {
        throw new TidelensError('bad_config', 'the offline model is not part of this build yet; use --provider bedrock (BEDROCK_MODEL_ID, AWS_REGION) or --provider openai (OPENAI_BASE_URL, OPENAI_MODEL)');
      }
      const mod = (await import(OFFLINE.href)) as Record<string, unknown>;
      return offlineFrom(mod);
    }
  }
}

/** The offline module exports a provider instance, a class, or a factory; accept any of the three. */
function offlineFrom(mod: Record<string, unknown>): ModelProvider {
  const isProvider = (v: unknown): v is ModelProvider => !!v && typeof (v as ModelProvider).converse === 'function';
  for (const v of [mod.offlineProvider, mod.provider, mod.default]) if (isProvider(v)) return v;
  for (const v of [mod.createOfflineProvider, mod.OfflineProvider, mod.default]) {
    if (typeof v === 'function') {
      try {
        const made = v.prototype && v.prototype.converse ? new (v as new () => ModelProvider)() : (v as () => ModelProvider)();
        if (isProvider(made)) return made;
      } catch {
        /* try the next export */
      }
    }
  }
  throw new TidelensError('internal', 'src/server/model/offline/index.ts exports no provider (expected offlineProvider, createOfflineProvider or OfflineProvider)');
}
