// Opens the configured conversation store: SQLite by default, DynamoDB when TIDELENS_STORE=dynamo.
import type { Config } from '../../agent/config.ts';
import { DynamoConversationStore } from './dynamo.ts';
import { SqliteConversationStore } from './sqlite.ts';
import type { ConversationStore } from './types.ts';

export function openStore(cfg: Config): ConversationStore {
  const expiry = { ttlDays: cfg.TIDELENS_TTL_DAYS };
  if (cfg.TIDELENS_STORE === 'dynamo') {
    return new DynamoConversationStore({
      table: cfg.DYNAMO_TABLE,
      clientConfig: { region: cfg.AWS_REGION, endpoint: cfg.DYNAMO_ENDPOINT },
      expiry,
    });
  }
  return new SqliteConversationStore(cfg.TIDELENS_STORE_PATH, expiry);
}
