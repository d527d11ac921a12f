// `npm start`: for now, seeds the embedded SQLite database when it does not exist yet and says what
// it made. The server issue extends this command to serve the app as well.
import { existsSync } from 'node:fs';
import { parseFlags, type Command } from '../command.ts';
import { resolveDbTarget } from '../../db/url.ts';
import { parseSeedArgs, seedAndReport } from './seed.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'seed the embedded database on first run (the server comes later)',
  help: `Usage: npx tidelens start

Seeds the embedded SQLite database (TIDELENS_DB or sqlite:./data/tidelens.db) with the
default scenario when it does not exist yet, and says what it made.`,
  async run(argv, io) {
    parseFlags(argv, {}, 'start');
    const target = resolveDbTarget(undefined, io.env);
    if (target.engine === 'sqlite' && existsSync(target.path)) {
      io.out(`The warehouse ${target.path} already exists; nothing to do. Run \`npx tidelens seed --force\` to rebuild it.`);
      return 0;
    }
    if (target.engine === 'mysql') {
      io.out('TIDELENS_DB/RDS_* point at MySQL: run `npx tidelens seed` to fill it; start only seeds the embedded SQLite database.');
      return 0;
    }
    await seedAndReport(parseSeedArgs([], io.env), io);
    return 0;
  },
};
