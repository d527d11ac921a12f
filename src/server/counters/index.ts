// Picks where the fleet's rate counters live: beside the conversations in DynamoDB when
// TIDELENS_STORE=dynamo, otherwise in the app database (SQLite or MySQL) beside the sessions.
import type { Config } from '../../agent/config.ts';
import type { Db } from '../../db/types.ts';
import { DynamoConversationStore } from '../store/dynamo.ts';
import type { ConversationStore } from '../store/types.ts';
import { DynamoBuckets } from './dynamo.ts';
import { sqlBuckets } from './sql.ts';
import type { Counters } from './types.ts';
import { WindowCounters } from './window.ts';

export type { Counters, HitResult } from './types.ts';
export { memoryCounters } from './memory.ts';

export interface CounterSources {
  cfg: Config;
  /** The app's writable connection (platform_users, user_sessions). */
  appDb: Db;
  store: ConversationStore;
}

/** The counters and where they are, for the start-up log line. */
export async function openCounters({
  cfg,
  appDb,
  store,
}: CounterSources): Promise<{ counters: Counters; where: string }> {
  if (cfg.TIDELENS_STORE === 'dynamo' && store instanceof DynamoConversationStore) {
    // The store's client, so the counters follow its region, endpoint and credentials.
    const counters = new WindowCounters(new DynamoBuckets(store.client, cfg.DYNAMO_TABLE));
    return { counters, where: `dynamodb:${cfg.DYNAMO_TABLE}` };
  }
  return { counters: new WindowCounters(await sqlBuckets(appDb)), where: appDb.label };
}
