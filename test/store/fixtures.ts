// What the store contract tests share: a stored turn, dynalite on loopback for the file, and the two stores
// (SQLite in memory, DynamoDB on a fresh table) opened on the test's clock.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createConversationTable, DynamoConversationStore } from '../../src/server/store/dynamo.ts';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import type { ConversationStore, StoredTurn } from '../../src/server/store/types.ts';
import { turnOf } from './stored-turn.ts';

/** Turn `i` of a conversation, created `i` ms after `at`. */
export function storedTurn(conversationId: string, i: number, at: Date, answer = `answer ${i}`): StoredTurn {
  const createdAt = new Date(at.getTime() + i).toISOString();
  return turnOf({ turnId: `t${i}`, conversationId, createdAt, question: `question ${i}`, summary: { answer } });
}

/**
 * Both stores, for `describe.each`: dynalite starts once for the calling file (its hooks are registered here),
 * and each DynamoDB store gets a table of its own named after `prefix`.
 */
export function bothStores(prefix: string, now: () => Date): [string, () => Promise<ConversationStore>][] {
  let server: Server;
  let endpoint = '';
  let seq = 0;
  beforeAll(async () => {
    server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return [
    ['sqlite', async () => new SqliteConversationStore(':memory:', { ttlDays: 3, now })],
    [
      'dynamo',
      async () => {
        const table = `${prefix}-${process.pid}-${++seq}`;
        const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
        const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
        await createConversationTable(client, table);
        return new DynamoConversationStore({ table, client, expiry: { ttlDays: 3, now } });
      },
    ],
  ];
}
