// Structured logs: one JSON object per line. Callers pass only fields that are safe to keep
// (ids, codes, counts, timings) and never bodies, cookies, usernames or addresses.
export type LogFn = (entry: Record<string, unknown>) => void;

export const stdoutLog: LogFn = (entry) => {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
};

export const silentLog: LogFn = () => {};
