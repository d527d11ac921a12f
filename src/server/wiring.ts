// Opens the real pieces the app needs from configuration: the app's writable connection for logins,
// the assistant's read-only warehouse connection, the conversation store, the provider and the tools.
import { openDb, parseDbUrl, resolveDbTarget, describeTarget, type Db, type DbTarget } from '../db/index.ts';
import { openSqlite } from '../db/sqlite.ts';
import { TidelensError } from '../errors.ts';
import { closeExplainPool, installExplainPool } from '../tools/explain/worker-pool.ts';
import { tools as registry } from '../tools/registry.ts';
import type { DataRange, Tool } from '../tools/types.ts';
import { CountedLimiter, type QuestionLimiter } from '../agent/rate-limit.ts';
import { loadConfig, turnLimitsFrom, type Config } from '../agent/config.ts';
import type { Assistant } from '../agent/assistant-types.ts';
import { createAssistant } from '../agent/assistant.ts';
import { createRerunner, type Rerunner } from '../agent/rerun.ts';
import type { LogFn } from './http/log.ts';
import { createProvider } from '../agent/providers/factory.ts';
import { openCounters } from './counters/index.ts';
import type { Counters } from './counters/types.ts';
import { openStore } from './store/index.ts';
import type { ConversationStore } from './store/types.ts';
import type { HttpConfig } from './http-config.ts';

export interface Wired {
  appDb: Db;
  warehouse: Db;
  target: DbTarget;
  store: ConversationStore;
  assistant: Assistant;
  /** A tool re-run with a chip's new input: the same tools and warehouse as the assistant, no model. */
  rerunner: Rerunner;
  tools: Tool[];
  data: DataRange;
  modelConfig: Config;
  rateLimiter: QuestionLimiter;
  /** Rate counters shared by every instance: questions per minute and the log-in throttles. */
  counters: Counters;
  close(): Promise<void>;
}

export async function readDataRange(db: Db): Promise<DataRange> {
  const r = await db.query('SELECT MIN(order_date) AS min_date, MAX(order_date) AS max_date FROM orders', [], {
    timeoutMs: 10_000,
  });
  const row = r.rows[0] as { min_date: string | null; max_date: string | null } | undefined;
  if (!row?.min_date || !row.max_date)
    throw new TidelensError('db_error', 'the warehouse has no orders; run `npx tidelens seed` first');
  return { minDate: String(row.min_date).slice(0, 10), maxDate: String(row.max_date).slice(0, 10) };
}

async function checkAppTables(db: Db): Promise<void> {
  try {
    await db.query('SELECT COUNT(*) AS n FROM platform_users');
    await db.query('SELECT COUNT(*) AS n FROM user_sessions');
  } catch {
    throw new TidelensError(
      'db_error',
      `platform_users/user_sessions are missing in ${db.label}; run \`npx tidelens seed\` (it creates them) or point TIDELENS_APP_DB at the database that has them`,
    );
  }
}

export async function wire(opts: {
  http: HttpConfig;
  env?: NodeJS.ProcessEnv;
  dbFlag?: string;
  log: LogFn;
}): Promise<Wired> {
  const env = opts.env ?? process.env;
  const modelConfig = loadConfig(env);
  const target = resolveDbTarget(opts.dbFlag, env);
  const opened: { close(): Promise<void> }[] = [];
  try {
    let appDb: Db;
    let warehouse: Db;
    if (target.engine === 'sqlite') {
      // Writable connection first: it owns the WAL switch; the assistant's is read-only at the driver level.
      appDb = opts.http.appDbUrl ? await openDb(parseDbUrl(opts.http.appDbUrl)) : openSqlite(target.path);
      opened.push(appDb);
      warehouse = openSqlite(target.path, { readonly: true });
      opened.push(warehouse);
    } else {
      warehouse = await openDb(target);
      opened.push(warehouse);
      if (opts.http.appDbUrl) {
        appDb = await openDb(parseDbUrl(opts.http.appDbUrl));
        opened.push(appDb);
      } else {
        opts.log({
          level: 'warn',
          msg: 'config',
          note: 'TIDELENS_APP_DB is not set: logins use the warehouse account, which then needs write access to platform_users and user_sessions',
        });
        appDb = warehouse;
      }
    }
    await checkAppTables(appDb);
    const data = await readDataRange(warehouse);
    const store = openStore(modelConfig);
    opened.push(store);
    const { counters, where: countersIn } = await openCounters({ cfg: modelConfig, appDb, store });
    const provider = await createProvider(modelConfig.TIDELENS_PROVIDER, modelConfig);
    const tools = registry;
    // explain_change's stages on analysis threads, started now so the first why-question does not wait for
    // them (TIDELENS_EXPLAIN_THREADS=0 keeps them in-process).
    if (installExplainPool(env)) opened.push({ close: closeExplainPool });
    const assistant = createAssistant({
      provider,
      tools,
      db: warehouse,
      data,
      limits: turnLimitsFrom(modelConfig),
    });
    // Checked by the chat route before a conversation or turn is stored, not inside the turn.
    const rateLimiter = new CountedLimiter(counters, modelConfig.TIDELENS_QUESTIONS_PER_MINUTE);
    opts.log({
      level: 'info',
      msg: 'wired',
      warehouse: describeTarget(target),
      store: modelConfig.TIDELENS_STORE,
      counters: countersIn,
      provider: modelConfig.TIDELENS_PROVIDER,
      tools: tools.map((t) => t.name),
      data,
    });
    return {
      appDb,
      warehouse,
      target,
      store,
      assistant,
      rerunner: createRerunner({ tools, db: warehouse, data }),
      tools,
      data,
      modelConfig,
      rateLimiter,
      counters,
      close: () => closeAll(opened, opts.log),
    };
  } catch (e) {
    await closeAll(opened, opts.log);
    throw e;
  }
}

/** How long one piece may take to close before shutdown moves on without it. */
const CLOSE_STEP_MS = 5_000;

/**
 * Closes in reverse order of opening, each piece bounded: a store or pool that does not answer must not hold
 * the process after SIGTERM. A piece that fails or runs late is logged and left behind.
 */
async function closeAll(opened: { close(): Promise<void> }[], log: LogFn): Promise<void> {
  for (const o of opened.splice(0).reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => {
      timer = setTimeout(() => r('late'), CLOSE_STEP_MS);
      timer.unref();
    });
    const outcome = await Promise.race([o.close().then(() => 'ok' as const), late]).catch((e: Error) => e);
    clearTimeout(timer);
    if (outcome !== 'ok') {
      log({
        level: 'warn',
        msg: 'shutdown',
        note: outcome === 'late' ? `a resource did not close within ${CLOSE_STEP_MS} ms` : outcome.message,
      });
    }
  }
}
