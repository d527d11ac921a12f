// Conversations in one DynamoDB table, key schema pk (S) / sk (S), TTL attribute `expiresAt` (epoch seconds).
//   CONV#<id>     META                          the conversation
//   CONV#<id>     TURN#<createdAt>#<turnId>     one turn (body: capped JSON, well under 400 KB)
//   OWNER#<owner> CONV#<id>                     a copy of META, so a user's list is one Query
//   SHARE#<token> SHARE                         the conversation a share link opens (no TTL: META decides)
// A rated turn carries `feedbackAt`, so the admins' feedback list scans for that attribute alone; a saved
// (starred) answer carries `starredAt` the same way.
// DynamoDB deletes expired items lazily (up to days later), so every read filters on expiresAt too.
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { TidelensError } from '../../errors.ts';
import type { Feedback } from '../../protocol/feedback.ts';
import { serialiseTurn } from './cap.ts';
import { DEFAULT_EXPIRY, expiresAt, isExpired, type ExpiryOptions } from './expiry.ts';
import { asInterrupted, decodeCursor, encodeCursor, type StaleRule } from './running.ts';
import { byFeedbackTime, byStarTime, type Lookup, type RatedTurn, withFeedback, withStar } from './share.ts';
import type { ConversationMeta, ConversationStore, ListPage, StoredTurn } from './types.ts';

type Item = Record<string, AttributeValue>;
/** What a Query or Scan call returns, as far as paging needs it. */
type Page = { Items?: Item[]; LastEvaluatedKey?: Item; Count?: number };

const conv = (id: string) => `CONV#${id}`;
const owner = (id: string) => `OWNER#${id}`;
const share = (token: string) => `SHARE#${token}`;

function metaItem(m: ConversationMeta, pk: string, sk: string): Item {
  const item: Item = {
    pk: { S: pk },
    sk: { S: sk },
    id: { S: m.id },
    ownerId: { S: m.ownerId },
    title: { S: m.title },
    createdAt: { S: m.createdAt },
    updatedAt: { S: m.updatedAt },
    saved: { BOOL: m.saved },
  };
  if (m.expiresAt !== null) item.expiresAt = { N: String(m.expiresAt) };
  if (m.shareToken) item.shareToken = { S: m.shareToken };
  return item;
}

function toMeta(i: Item): ConversationMeta {
  return {
    id: i.id!.S!,
    ownerId: i.ownerId!.S!,
    title: i.title!.S!,
    createdAt: i.createdAt!.S!,
    updatedAt: i.updatedAt!.S!,
    saved: i.saved?.BOOL ?? false,
    expiresAt: i.expiresAt?.N ? Number(i.expiresAt.N) : null,
    ...(i.shareToken?.S ? { shareToken: i.shareToken.S } : {}),
  };
}

export interface DynamoStoreOptions {
  table: string;
  client?: DynamoDBClient;
  clientConfig?: DynamoDBClientConfig;
  expiry?: Partial<ExpiryOptions>;
}

export class DynamoConversationStore implements ConversationStore {
  readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly expiry: ExpiryOptions;
  /** Several instances share the table, so only a running turn's age says its server is gone. */
  private readonly stale: StaleRule;

  constructor(o: DynamoStoreOptions) {
    this.client = o.client ?? new DynamoDBClient(o.clientConfig ?? {});
    this.table = o.table;
    this.expiry = { ...DEFAULT_EXPIRY, ...o.expiry };
    this.stale = { openedAt: null, now: this.expiry.now };
  }

  private live = (i: Item) => !isExpired(this.expiry, i.expiresAt?.N ? Number(i.expiresAt.N) : null);

  private async send<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      throw dynamoError(e, this.table);
    }
  }

  /** Every page of a Query or Scan: DynamoDB stops each call at 1 MB and hands back where to go on. */
  private async allPages(read: (start: Item | undefined) => Promise<Page>): Promise<Page[]> {
    const pages: Page[] = [];
    let start: Item | undefined;
    do {
      const page = await read(start);
      pages.push(page);
      start = page.LastEvaluatedKey;
    } while (start);
    return pages;
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Page[]> {
    return this.allPages((start) =>
      this.send(this.client.send(new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: start }))),
    );
  }

  private async scanAll(input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    const pages = await this.allPages((start) =>
      this.send(this.client.send(new ScanCommand({ ...input, TableName: this.table, ExclusiveStartKey: start }))),
    );
    return pages.flatMap((p) => p.Items ?? []);
  }

  private async putMeta(m: ConversationMeta): Promise<void> {
    await this.send(
      this.client.send(new PutItemCommand({ TableName: this.table, Item: metaItem(m, conv(m.id), 'META') })),
    );
    await this.send(
      this.client.send(new PutItemCommand({ TableName: this.table, Item: metaItem(m, owner(m.ownerId), conv(m.id)) })),
    );
  }

  async create(ownerId: string, title: string): Promise<ConversationMeta> {
    const now = this.expiry.now().toISOString();
    const m: ConversationMeta = {
      id: randomUUID(),
      ownerId,
      title,
      createdAt: now,
      updatedAt: now,
      saved: false,
      expiresAt: expiresAt(this.expiry, false),
    };
    await this.putMeta(m);
    return m;
  }

  async get(id: string): Promise<ConversationMeta | null> {
    const r = await this.send(
      this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { pk: { S: conv(id) }, sk: { S: 'META' } },
          ConsistentRead: true,
        }),
      ),
    );
    return r.Item && this.live(r.Item) ? toMeta(r.Item) : null;
  }

  async list(ownerId: string | null): Promise<ConversationMeta[]> {
    const items =
      ownerId === null
        ? await this.scanAll({ FilterExpression: 'sk = :meta', ExpressionAttributeValues: { ':meta': { S: 'META' } } })
        : (
            await this.queryAll({
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': { S: owner(ownerId) } },
            })
          ).flatMap((p) => p.Items ?? []);
    return items
      .filter(this.live)
      .map(toMeta)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /**
   * The owner's partition is keyed by conversation id, not by activity, so a page is cut from the sorted
   * list; the per-user conversation cap keeps that list small.
   */
  async listPage(ownerId: string | null, page: { limit: number; cursor?: string }): Promise<ListPage> {
    const after = decodeCursor(page.cursor);
    if (page.cursor && after?.length !== 2) {
      throw new TidelensError('bad_input', 'cursor is not one this server gave out; start again without it');
    }
    const all = await this.list(ownerId);
    const [at, id] = (after ?? []) as [string, string];
    const rest = after ? all.filter((m) => m.updatedAt < at || (m.updatedAt === at && m.id < id)) : all;
    const kept = rest.slice(0, page.limit);
    const last = kept.at(-1);
    return {
      conversations: kept,
      next: rest.length > page.limit && last ? encodeCursor([last.updatedAt, last.id]) : null,
    };
  }

  async trimOwner(ownerId: string, keep: number): Promise<number> {
    const all = await this.list(ownerId);
    if (all.length <= keep) return all.length;
    const oldest = all
      .filter((m) => !m.saved)
      .reverse()
      .slice(0, all.length - keep);
    for (const m of oldest) await this.delete(m.id);
    return all.length - oldest.length;
  }

  private async convItems(id: string): Promise<Item[]> {
    const pages = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: conv(id) } },
      ConsistentRead: true,
    });
    return pages.flatMap((p) => p.Items ?? []);
  }

  async update(id: string, patch: { title?: string; saved?: boolean }): Promise<ConversationMeta> {
    const cur = await this.get(id);
    if (!cur) throw new TidelensError('not_found', `no conversation ${id}`);
    const saved = patch.saved ?? cur.saved;
    const next: ConversationMeta = {
      ...cur,
      title: patch.title ?? cur.title,
      saved,
      updatedAt: this.expiry.now().toISOString(),
      expiresAt: expiresAt(this.expiry, saved),
    };
    await this.putMeta(next);
    await this.setTurnsExpiry(id, next.expiresAt);
    return next;
  }

  /**
   * Saving removes the TTL from every turn too; unsaving puts it back. With `staleBefore`, only turns
   * expiring before it are touched, so appending a turn rarely rewrites the older ones.
   */
  private async setTurnsExpiry(id: string, exp: number | null, staleBefore = Infinity): Promise<void> {
    const turns = (await this.convItems(id)).filter(
      (i) =>
        i.sk!.S!.startsWith('TURN#') &&
        (staleBefore === Infinity || (i.expiresAt?.N !== undefined && Number(i.expiresAt.N) < staleBefore)),
    );
    for (const t of turns) {
      const key = { pk: t.pk!, sk: t.sk! };
      const cmd =
        exp === null
          ? new UpdateItemCommand({ TableName: this.table, Key: key, UpdateExpression: 'REMOVE expiresAt' })
          : new UpdateItemCommand({
              TableName: this.table,
              Key: key,
              UpdateExpression: 'SET expiresAt = :e',
              ExpressionAttributeValues: { ':e': { N: String(exp) } },
            });
      await this.send(this.client.send(cmd));
    }
  }

  async delete(id: string): Promise<void> {
    const items = await this.convItems(id);
    const meta = items.find((i) => i.sk!.S === 'META');
    const keys = items.map((i) => ({ pk: i.pk!, sk: i.sk! }));
    if (meta) keys.push({ pk: { S: owner(meta.ownerId!.S!) }, sk: { S: conv(id) } });
    if (meta?.shareToken?.S) keys.push({ pk: { S: share(meta.shareToken.S) }, sk: { S: 'SHARE' } });
    for (let i = 0; i < keys.length; i += 25) {
      let req: Record<string, { DeleteRequest: { Key: Item } }[]> | undefined = {
        [this.table]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
      };
      for (let tries = 0; req && Object.keys(req).length && tries < 5; tries++) {
        const r = await this.send(this.client.send(new BatchWriteItemCommand({ RequestItems: req })));
        req = r.UnprocessedItems as typeof req;
      }
    }
  }

  async appendTurn(turn: StoredTurn): Promise<void> {
    const cur = await this.get(turn.conversationId);
    if (!cur) throw new TidelensError('not_found', `no conversation ${turn.conversationId}`);
    const exp = expiresAt(this.expiry, cur.saved);
    const item: Item = {
      pk: { S: conv(turn.conversationId) },
      sk: { S: `TURN#${turn.createdAt}#${turn.turnId}` },
      ownerId: { S: cur.ownerId },
      body: { S: serialiseTurn(turn) },
    };
    if (exp !== null) item.expiresAt = { N: String(exp) };
    await this.send(this.client.send(new PutItemCommand({ TableName: this.table, Item: item })));
    await this.putMeta({ ...cur, updatedAt: this.expiry.now().toISOString(), expiresAt: exp });
    // Older turns follow the conversation's refreshed expiry, so a conversation never loses its beginning
    // first; only those past half their lifetime are rewritten. A running turn's partial writes leave that
    // to the turn's final write.
    if (exp !== null && turn.status !== 'running')
      await this.setTurnsExpiry(turn.conversationId, exp, exp - (this.expiry.ttlDays * 86_400) / 2);
  }

  async turns(conversationId: string, opts: { last?: number } = {}): Promise<StoredTurn[]> {
    if (!(await this.get(conversationId))) return [];
    const items =
      opts.last === undefined
        ? await this.convItems(conversationId)
        : await this.newestTurns(conversationId, opts.last);
    return items
      .filter((i) => i.sk!.S!.startsWith('TURN#') && this.live(i))
      .map((i) => asInterrupted(JSON.parse(i.body!.S!) as StoredTurn, this.stale));
  }

  /** The newest n turn items, oldest first: one Query read backwards, not the whole conversation. */
  private async newestTurns(id: string, n: number): Promise<Item[]> {
    const r = await this.send(
      this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
          ExpressionAttributeValues: { ':pk': { S: conv(id) }, ':t': { S: 'TURN#' } },
          ScanIndexForward: false,
          Limit: n,
          ConsistentRead: true,
        }),
      ),
    );
    return (r.Items ?? []).reverse();
  }

  async turnCount(conversationId: string): Promise<number> {
    const pages = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
      ExpressionAttributeValues: { ':pk': { S: conv(conversationId) }, ':t': { S: 'TURN#' } },
      Select: 'COUNT',
    });
    return pages.reduce((n, p) => n + (p.Count ?? 0), 0);
  }

  /** DynamoDB keeps an expired item until its TTL sweep (up to days): until then it reads as expired. */
  async lookup(id: string): Promise<Lookup> {
    const r = await this.send(
      this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { pk: { S: conv(id) }, sk: { S: 'META' } },
          ConsistentRead: true,
        }),
      ),
    );
    if (!r.Item) return { state: 'missing' };
    return this.live(r.Item)
      ? { state: 'live', meta: toMeta(r.Item) }
      : { state: 'expired', ownerId: r.Item.ownerId!.S! };
  }

  async setShareToken(id: string, token: string | null): Promise<ConversationMeta> {
    const cur = await this.get(id);
    if (!cur) throw new TidelensError('not_found', `no conversation ${id}`);
    if (cur.shareToken) await this.deleteItem(share(cur.shareToken), 'SHARE');
    const { shareToken: _old, ...rest } = cur;
    const next: ConversationMeta = token ? { ...rest, shareToken: token } : rest;
    if (token) {
      const item: Item = { pk: { S: share(token) }, sk: { S: 'SHARE' }, conversationId: { S: id } };
      await this.send(this.client.send(new PutItemCommand({ TableName: this.table, Item: item })));
    }
    await this.putMeta(next);
    return next;
  }

  /** Through BatchWriteItem, which the table's policy grants already (no DeleteItem). */
  private async deleteItem(pk: string, sk: string): Promise<void> {
    const Key = { pk: { S: pk }, sk: { S: sk } };
    const RequestItems = { [this.table]: [{ DeleteRequest: { Key } }] };
    await this.send(this.client.send(new BatchWriteItemCommand({ RequestItems })));
  }

  async byShareToken(token: string): Promise<ConversationMeta | null> {
    const r = await this.send(
      this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { pk: { S: share(token) }, sk: { S: 'SHARE' } },
          ConsistentRead: true,
        }),
      ),
    );
    const id = r.Item?.conversationId?.S;
    const meta = id ? await this.get(id) : null;
    // A revoked token's item is deleted with the revoke; the check covers a crash between the two writes.
    return meta?.shareToken === token ? meta : null;
  }

  async setFeedback(conversationId: string, turnId: string, feedback: Feedback): Promise<void> {
    const item = (await this.get(conversationId))
      ? (await this.convItems(conversationId)).find(
          (i) => i.sk!.S!.startsWith('TURN#') && i.sk!.S!.endsWith(`#${turnId}`),
        )
      : undefined;
    if (!item) throw new TidelensError('not_found', `no turn ${turnId} in conversation ${conversationId}`);
    const body = JSON.stringify(withFeedback(JSON.parse(item.body!.S!) as StoredTurn, feedback));
    const next: Item = { ...item, body: { S: body }, feedbackAt: { S: feedback.at } };
    await this.send(this.client.send(new PutItemCommand({ TableName: this.table, Item: next })));
  }

  async listFeedback(limit: number): Promise<RatedTurn[]> {
    const items = await this.scanAll({ FilterExpression: 'attribute_exists(feedbackAt)' });
    const rated = items
      .filter(this.live)
      .map((i) => ({ ownerId: i.ownerId!.S!, turn: JSON.parse(i.body!.S!) as RatedTurn['turn'] }))
      .filter((r) => r.turn.feedback);
    const liveConvs = new Set<string>();
    for (const id of new Set(rated.map((r) => r.turn.conversationId))) if (await this.get(id)) liveConvs.add(id);
    return rated
      .filter((r) => liveConvs.has(r.turn.conversationId))
      .sort(byFeedbackTime)
      .slice(0, limit);
  }

  async setStar(conversationId: string, turnId: string, starredAt: string | null): Promise<void> {
    const item = (await this.get(conversationId))
      ? (await this.convItems(conversationId)).find(
          (i) => i.sk!.S!.startsWith('TURN#') && i.sk!.S!.endsWith(`#${turnId}`),
        )
      : undefined;
    if (!item) throw new TidelensError('not_found', `no turn ${turnId} in conversation ${conversationId}`);
    const body = JSON.stringify(withStar(JSON.parse(item.body!.S!) as StoredTurn, starredAt));
    const { starredAt: _old, ...rest } = item;
    const next: Item = { ...rest, body: { S: body }, ...(starredAt ? { starredAt: { S: starredAt } } : {}) };
    await this.send(this.client.send(new PutItemCommand({ TableName: this.table, Item: next })));
  }

  /** A scan for the owner's starred turns, as the feedback list does: stars are few and the list is on demand. */
  async listStarred(ownerId: string, limit: number): Promise<StoredTurn[]> {
    const items = await this.scanAll({
      FilterExpression: 'attribute_exists(starredAt) AND ownerId = :o',
      ExpressionAttributeValues: { ':o': { S: ownerId } },
    });
    const starred = items
      .filter(this.live)
      .map((i) => JSON.parse(i.body!.S!) as StoredTurn)
      .filter((t) => t.starredAt);
    const liveConvs = new Set<string>();
    for (const id of new Set(starred.map((t) => t.conversationId))) if (await this.get(id)) liveConvs.add(id);
    return starred
      .filter((t) => liveConvs.has(t.conversationId))
      .sort(byStarTime)
      .slice(0, limit);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

/** Creates the table (on-demand, pk/sk) and turns on TTL for `expiresAt`; for set-up scripts and tests. */
export async function createConversationTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (e) {
    if ((e as Error).name !== 'ResourceInUseException') throw dynamoError(e, table);
  }
  for (let i = 0; i < 50; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: table }));
    if (d.Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
  } catch (e) {
    // Local emulators (dynalite) lack TTL; reads filter on expiresAt anyway.
    const name = (e as Error).name;
    if (name !== 'UnknownOperationException' && name !== 'ValidationException') throw dynamoError(e, table);
  }
}

function dynamoError(e: unknown, table: string): TidelensError {
  if (e instanceof TidelensError) return e;
  const err = e as { name?: string; message?: string };
  switch (err.name) {
    case 'ResourceNotFoundException':
      return new TidelensError(
        'bad_config',
        `DynamoDB table "${table}" does not exist; create it (key pk/sk, TTL on expiresAt, see README) or set DYNAMO_TABLE`,
      );
    case 'AccessDeniedException':
      return new TidelensError(
        'bad_config',
        `DynamoDB denied access to table "${table}" (${err.message}); grant dynamodb:GetItem, PutItem, UpdateItem, Query, Scan and BatchWriteItem on it`,
      );
    default:
      return new TidelensError('internal', `DynamoDB (${table}): ${err.name ?? 'error'}: ${err.message ?? String(e)}`);
  }
}
