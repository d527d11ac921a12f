// The CLI's commands, a plain list. Each module exports one Command.
import type { Command } from '../command.ts';

export const commands: Command[] = [];
