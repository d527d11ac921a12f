// The CLI's commands, a plain list. Each module exports one Command.
import type { Command } from '../command.ts';
import { checkSqlCommand } from './check-sql.ts';

export const commands: Command[] = [checkSqlCommand];
