// Buckets in the conversation table (TIDELENS_STORE=dynamo), so the fleet needs no other service:
//   LIMIT#<sha256 of key>   W#<bucket>   n (number), expiresAt (epoch seconds, the table's TTL attribute)
// A hit is one UpdateItem: ADD n :one under the condition that the bucket still has room. It uses only
// UpdateItem and GetItem, which iam/policy.json already grants on the table.
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { TidelensError } from '../../errors.ts';
import type { BucketStore } from './types.ts';

const itemKey = (key: string, bucket: number) => ({ pk: { S: `LIMIT#${key}` }, sk: { S: `W#${bucket}` } });
const epochSeconds = (ms: number) => String(Math.ceil(ms / 1000));

export class DynamoBuckets implements BucketStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async addBelow(key: string, bucket: number, room: number, expiresAtMs: number): Promise<number | null> {
    const update = new UpdateItemCommand({
      TableName: this.table,
      Key: itemKey(key, bucket),
      UpdateExpression: 'ADD n :one SET expiresAt = :exp',
      ConditionExpression: 'attribute_not_exists(n) OR n < :room',
      ExpressionAttributeValues: {
        ':one': { N: '1' },
        ':room': { N: String(room) },
        ':exp': { N: epochSeconds(expiresAtMs) },
      },
      ReturnValues: 'UPDATED_NEW',
    });
    try {
      const r = await this.client.send(update);
      return Number(r.Attributes?.n?.N ?? 1);
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return null;
      throw counterError(e, this.table);
    }
  }

  async read(key: string, bucket: number): Promise<number> {
    const get = new GetItemCommand({ TableName: this.table, Key: itemKey(key, bucket), ConsistentRead: true });
    const r = await this.client.send(get).catch((e) => {
      throw counterError(e, this.table);
    });
    // TTL deletes lazily, so an expired item may still be there.
    const expires = Number(r.Item?.expiresAt?.N ?? 0) * 1000;
    return expires > this.now() ? Number(r.Item?.n?.N ?? 0) : 0;
  }

  async clear(key: string, buckets: number[], expiresAtMs: number): Promise<void> {
    // Zeroing instead of deleting keeps the role's actions to the two above.
    const zero = (b: number) =>
      new UpdateItemCommand({
        TableName: this.table,
        Key: itemKey(key, b),
        UpdateExpression: 'SET n = :zero, expiresAt = :exp',
        ExpressionAttributeValues: { ':zero': { N: '0' }, ':exp': { N: epochSeconds(expiresAtMs) } },
      });
    await Promise.all(buckets.map((b) => this.client.send(zero(b)))).catch((e) => {
      throw counterError(e, this.table);
    });
  }

  /** The client is the conversation store's: it closes it. */
  async close(): Promise<void> {}
}

function counterError(e: unknown, table: string): TidelensError {
  const err = e as { name?: string; message?: string };
  return new TidelensError(
    'internal',
    `DynamoDB rate counters (${table}): ${err.name ?? 'error'}: ${err.message ?? String(e)}`,
  );
}
