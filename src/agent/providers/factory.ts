// Picks the provider from configuration (TIDELENS_PROVIDER), never from a test flag.
import { TidelensError } from '../../errors.ts';
import type { Config } from '../config.ts';
import { BedrockProvider } from './bedrock.ts';
import { createOfflineProvider } from '../offline/index.ts';
import { OpenAiProvider } from './openai.ts';
import { ReplayProvider } from './replay.ts';
import type { ModelProvider } from './types.ts';

export type ProviderName = Config['TIDELENS_PROVIDER'];

export async function createProvider(name: ProviderName | 'replay', cfg: Config): Promise<ModelProvider> {
  switch (name) {
    case 'bedrock':
      if (!cfg.BEDROCK_MODEL_ID) {
        throw new TidelensError(
          'bad_config',
          'BEDROCK_MODEL_ID is not set; set it to a model id with tool use, e.g. us.anthropic.claude-3-5-haiku-20241022-v1:0, and AWS_REGION to its region',
        );
      }
      return new BedrockProvider({
        modelId: cfg.BEDROCK_MODEL_ID,
        region: cfg.AWS_REGION,
        endpoint: cfg.BEDROCK_ENDPOINT,
      });
    case 'openai':
      if (!cfg.OPENAI_BASE_URL || !cfg.OPENAI_MODEL) {
        throw new TidelensError(
          'bad_config',
          'the openai provider needs OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1) and OPENAI_MODEL (a model with tool calling); OPENAI_API_KEY when the server wants one',
        );
      }
      return new OpenAiProvider({ baseUrl: cfg.OPENAI_BASE_URL, model: cfg.OPENAI_MODEL, apiKey: cfg.OPENAI_API_KEY });
    case 'offline':
      return createOfflineProvider();
    case 'replay':
      return ReplayProvider.fromDir();
  }
}
