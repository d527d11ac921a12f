// One `tidelens serve` in a child process on a free loopback port: a fleet member as production runs it.
import { type ChildProcess, spawn } from 'node:child_process';

export interface Instance {
  name: string;
  url: string;
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-whatever, as a lost instance does. */
  kill(): Promise<void>;
}

const START_MS = 90_000;

export function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['bin/tidelens.js', 'serve'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise<Instance>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name}: ${why}\n${stderr.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${START_MS} ms`), START_MS);
    child.once('exit', (code) => fail(`exited with ${code} before listening`));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ name, url: m[1]!, stop: () => stop(child), kill: () => stop(child, 'SIGKILL') });
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill(signal);
  });
}
