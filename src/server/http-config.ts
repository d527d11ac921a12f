// The web server's settings, from environment variables, checked once at start-up.
// Every mistake gets its own line naming the variable and what to write instead.
import { z } from 'zod';
import { TidelensError } from '../errors.ts';

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const HttpEnv = z.object({
  // 0 asks the OS for a free port (tests, benches).
  PORT: int('PORT', 0, 65535).default(3000),
  HOST: z.string().min(1, 'HOST must name an interface, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  TIDELENS_COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'], { message: 'TIDELENS_COOKIE_SECURE must be auto, true or false' })
    .default('auto'),
  TIDELENS_TRUST_PROXY: bool('TIDELENS_TRUST_PROXY').default(false),
  TIDELENS_SESSION_HOURS: int('TIDELENS_SESSION_HOURS', 1, 720).default(12),
  TIDELENS_SESSION_IDLE_MINUTES: int('TIDELENS_SESSION_IDLE_MINUTES', 5, 43200).default(60),
  TIDELENS_LOGIN_MAX_PER_ACCOUNT: int('TIDELENS_LOGIN_MAX_PER_ACCOUNT', 1, 1000).default(5),
  TIDELENS_LOGIN_MAX_PER_ADDRESS: int('TIDELENS_LOGIN_MAX_PER_ADDRESS', 1, 10000).default(30),
  TIDELENS_LOGIN_WINDOW_MINUTES: int('TIDELENS_LOGIN_WINDOW_MINUTES', 1, 1440).default(15),
  TIDELENS_MAX_MESSAGE_CHARS: int('TIDELENS_MAX_MESSAGE_CHARS', 10, 20000).default(2000),
  TIDELENS_UI_DIR: z.string().min(1).default('dist/ui'),
  TIDELENS_APP_DB: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/)/, 'TIDELENS_APP_DB must be a sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB address')
    .optional(),
});

export interface HttpConfig {
  port: number;
  host: string;
  /** auto: Secure when the request came over HTTPS (directly, or per X-Forwarded-Proto from a trusted proxy). */
  cookieSecure: 'auto' | boolean;
  /** Read the client address and scheme from X-Forwarded-For/-Proto (only behind a load balancer you run). */
  trustProxy: boolean;
  /** The longest a session lives, however active. */
  sessionTtlMs: number;
  /** A session with no request for this long ends. */
  sessionIdleMs: number;
  login: { maxPerAccount: number; maxPerAddress: number; windowMs: number };
  maxMessageChars: number;
  uiDir: string;
  /** Where platform_users and user_sessions live when not in the warehouse (a writable account). */
  appDbUrl?: string;
}

export function loadHttpConfig(env: NodeJS.ProcessEnv = process.env): HttpConfig {
  const r = HttpEnv.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      // zod's own wording for a coerced NaN names no variable; ours always does.
      return i.message.includes(key) ? i.message : `${key}: ${i.message}`;
    });
    throw new TidelensError('bad_config', `invalid server settings:\n  - ${lines.join('\n  - ')}`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    cookieSecure: e.TIDELENS_COOKIE_SECURE === 'auto' ? 'auto' : e.TIDELENS_COOKIE_SECURE === 'true',
    trustProxy: e.TIDELENS_TRUST_PROXY,
    sessionTtlMs: e.TIDELENS_SESSION_HOURS * 3_600_000,
    sessionIdleMs: e.TIDELENS_SESSION_IDLE_MINUTES * 60_000,
    login: {
      maxPerAccount: e.TIDELENS_LOGIN_MAX_PER_ACCOUNT,
      maxPerAddress: e.TIDELENS_LOGIN_MAX_PER_ADDRESS,
      windowMs: e.TIDELENS_LOGIN_WINDOW_MINUTES * 60_000,
    },
    maxMessageChars: e.TIDELENS_MAX_MESSAGE_CHARS,
    uiDir: e.TIDELENS_UI_DIR,
    appDbUrl: e.TIDELENS_APP_DB,
  };
}
