import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TidelensError } from '../errors.ts';

/** One CLI command: its help text and a run function returning the exit code. */
export interface Command {
  name: string;
  summary: string;
  /** Full --help text, usage line first. */
  help: string;
  run(argv: string[], io: Io): Promise<number>;
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal: progress bars instead of plain lines. */
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  stdin(): Promise<string>;
}

export const processIo: Io = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
  isTty: Boolean(process.stderr.isTTY),
  env: process.env,
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** node:util parseArgs in strict mode, with its errors turned into one clear line. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  command: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new TidelensError('bad_input', `${command}: ${msg}. See \`npx tidelens ${command} --help\`.`);
  }
}
