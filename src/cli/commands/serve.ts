// `tidelens serve`: the web app (API + UI) on PORT until Ctrl+C or SIGTERM.
import { parseFlags, type Command } from '../command.ts';
import { TidelensError } from '../../errors.ts';
import { startServer } from '../../server/main.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the chat web app and its API',
  help: [
    'Usage: npx tidelens serve [--port N] [--host ADDR] [--db URL]',
    '',
    'Builds the UI when dist/ui is missing, then listens on PORT (default 3000) on HOST (default 127.0.0.1).',
    'On the embedded SQLite default with no users yet, creates "admin" and prints its one-time password.',
    '',
    'Options:',
    '  --port N     overrides PORT',
    '  --host ADDR  overrides HOST (0.0.0.0 behind a load balancer)',
    '  --db URL     the warehouse: sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB (default TIDELENS_DB, RDS_*, sqlite:./data/tidelens.db)',
    '',
    'Settings (environment): PORT, HOST, TIDELENS_COOKIE_SECURE=auto|true|false, TIDELENS_TRUST_PROXY,',
    'TIDELENS_SESSION_HOURS, TIDELENS_LOGIN_MAX_PER_ACCOUNT/_PER_ADDRESS/_WINDOW_MINUTES, TIDELENS_APP_DB,',
    'TIDELENS_UI_DIR, plus the model and store settings (TIDELENS_PROVIDER, TIDELENS_STORE, ...). See docs/server.md.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' } },
      'serve',
    );
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new TidelensError('bad_input', `--port must be a whole number from 1 to 65535, not "${values.port}"`);
    }
    const running = await startServer({ env: io.env, dbFlag: values.db, port, host: values.host, print: io.err });
    io.err(`Tidelens is listening on ${running.url}  (Ctrl+C stops it)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    return 0;
  },
};
