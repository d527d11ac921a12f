// The CLI's commands, a plain list. Each module exports one Command.
import type { Command } from '../command.ts';
import { askCommand } from './ask.ts';
import { checkSqlCommand } from './check-sql.ts';
import { evalCommand } from './eval.ts';
import { rollupCommand } from './rollup.ts';
import { seedCommand } from './seed.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';
import { toolCommand } from './tool.ts';
import { usersCommand } from './users.ts';

export const commands: Command[] = [
  askCommand,
  checkSqlCommand,
  toolCommand,
  serveCommand,
  usersCommand,
  seedCommand,
  startCommand,
  evalCommand,
  rollupCommand,
];
