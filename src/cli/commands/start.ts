// `npm start`: seeds the embedded SQLite database when it does not exist yet and says what it made,
// then serves the web app (building the UI when needed) until Ctrl+C.
import { existsSync } from 'node:fs';
import { parseFlags, type Command } from '../command.ts';
import { resolveDbTarget } from '../../db/url.ts';
import { parseSeedArgs, seedAndReport } from './seed.ts';
import { serveCommand } from './serve.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Seed the embedded database on first run, then serve the web app',
  help: `Usage: npx tidelens start

Seeds the embedded SQLite database (TIDELENS_DB or sqlite:./data/tidelens.db) with the
default scenario when it does not exist yet, and says what it made. Then serves the web app
like \`npx tidelens serve\` (PORT, default 3000); the first start prints the admin's one-time password.`,
  async run(argv, io) {
    parseFlags(argv, {}, 'start');
    const target = resolveDbTarget(undefined, io.env);
    if (target.engine === 'sqlite' && existsSync(target.path)) {
      io.out(
        `The warehouse ${target.path} already exists; serving it. Run \`npx tidelens seed --force\` to rebuild it.`,
      );
    } else if (target.engine === 'mysql') {
      io.out('TIDELENS_DB/RDS_* point at MySQL: serving it as it is (run `npx tidelens seed` to fill it).');
    } else {
      await seedAndReport(parseSeedArgs([], io.env), io);
    }
    return serveCommand.run([], io);
  },
};
