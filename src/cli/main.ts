// `tidelens <command>`: one entry point; each command lives in its own module under commands/.
import { isTidelensError } from '../errors.ts';
import { processIo, type Command, type Io } from './command.ts';
import { commands } from './commands/index.ts';

function usage(list: Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'Usage: npx tidelens <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `npx tidelens <command> --help` for a command's options.",
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage(commands));
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`tidelens: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (isTidelensError(e)) {
      io.err(`tidelens ${name}: ${e.message}`);
      return e.code === 'bad_input' || e.code === 'bad_db_url' || e.code === 'bad_config' ? 2 : 1;
    }
    io.err(`tidelens ${name}: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
