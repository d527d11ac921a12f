// The one entry point that serves: wire the pieces, build the app, listen, and close cleanly on a signal.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { ensureFirstAdmin } from './auth/bootstrap.ts';
import { loadHttpConfig } from './http-config.ts';
import { stdoutLog, type LogFn } from './http/log.ts';
import { overviewFromTools } from './overview.ts';
import { wire } from './wiring.ts';

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  dbFlag?: string;
  port?: number;
  host?: string;
  log?: LogFn;
  /** Where the one-time admin password goes (stderr by default, never the JSON log). */
  print?: (line: string) => void;
}

export interface Running {
  url: string;
  close(): Promise<void>;
}

export async function startServer(o: StartOptions = {}): Promise<Running> {
  const env = o.env ?? process.env;
  const log = o.log ?? stdoutLog;
  const http = loadHttpConfig(env);
  const port = o.port ?? http.port;
  const host = o.host ?? http.host;
  if (!existsSync(join(http.uiDir, 'index.html'))) {
    const { buildUi } = await import('../ui/build.ts');
    await buildUi(http.uiDir, { quiet: true });
  }
  const w = await wire({ http, env, dbFlag: o.dbFlag, log });
  if (w.target.engine === 'sqlite' && !http.appDbUrl)
    await ensureFirstAdmin(w.appDb, o.print ?? ((l) => process.stderr.write(l + '\n')));
  const app = createApp({
    assistant: w.assistant,
    rerunner: w.rerunner,
    store: w.store,
    db: w.appDb,
    warehouse: w.warehouse,
    config: http,
    overview: overviewFromTools({ tools: w.tools, db: w.warehouse, data: w.data }),
    log,
    rateLimiter: w.rateLimiter,
    counters: w.counters,
    exports: { dataThrough: w.data.maxDate },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  log({ level: 'info', msg: 'listening', url });
  let closing: Promise<void> | null = null;
  return {
    url,
    close: () =>
      (closing ??= (async () => {
        const t = performance.now();
        await new Promise<void>((r) => {
          server.close(() => r());
          // Open SSE streams and idle keep-alive sockets would hold close() forever; the running turns are
          // aborted by their closed sockets (and store what they had as cancelled).
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await w.close();
        // What is still open (referenced or not), so a process that does not exit after this can be diagnosed.
        const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'Timeout');
        log({ level: 'info', msg: 'closed', ms: Math.round(performance.now() - t), open });
      })()),
  };
}
