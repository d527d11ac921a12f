// The shared services a fleet test needs: dynalite on loopback (an npm package, so always there) and a
// fresh database on the local MariaDB (test/support/mysql.ts skips without it, or fails under CI=true).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConversationTable } from '../../src/server/store/dynamo.ts';

export const DYNAMO_ENV = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };

export interface Dynalite {
  endpoint: string;
  client(): DynamoDBClient;
  /** A new table with the conversation store's key schema. */
  table(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<Dynalite> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = () =>
    new DynamoDBClient({
      endpoint,
      region: DYNAMO_ENV.AWS_REGION,
      credentials: { accessKeyId: DYNAMO_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: DYNAMO_ENV.AWS_SECRET_ACCESS_KEY },
    });
  return {
    endpoint,
    client,
    table: async (name) => {
      const c = client();
      await createConversationTable(c, name);
      c.destroy();
      return name;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** An OpenAI-compatible endpoint that starts an answer and never finishes it: a turn to kill mid-way. */
export async function startHangingModel(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'Net sales fell ' } }] })}\n\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
