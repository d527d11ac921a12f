// The conversation store for the server tests: the real SQLite store in the suite's temp folder.
import { join } from 'node:path';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import type { ConversationStore } from '../../src/server/store/types.ts';

export async function openTestStore(dir: string): Promise<ConversationStore> {
  return new SqliteConversationStore(join(dir, 'conversations.db'));
}
