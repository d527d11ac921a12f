// End-to-end set-up: a small seeded SQLite warehouse, the real server (offline model, SQLite store) on a
// free loopback port, and Debian's Chromium driven by playwright-core with a fresh profile.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { processIo } from '../../src/cli/command.ts';
import { seedCommand } from '../../src/cli/commands/seed.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { silentLog } from '../../src/server/http/log.ts';
import { startServer, type Running } from '../../src/server/main.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI)
  throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium`);

export const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

export type Role = 'admin' | 'analyst' | 'viewer';
/** The log-in names startE2e gives each role. */
export const USERNAMES = { admin: 'admin', analyst: 'ana', viewer: 'vic' } as const satisfies Record<Role, string>;
export const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
export type Viewport = { width: number; height: number };

export interface E2e {
  server: Running;
  passwords: Record<Role, string>;
  dir: string;
  close(): Promise<void>;
}

/** `env` overrides the server's settings (another model provider, for one). */
export async function startE2e(env: Record<string, string> = {}): Promise<E2e> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-e2e-'));
  const dbPath = join(dir, 'warehouse.db');
  const quiet = { ...processIo, out: () => {}, err: () => {} };
  const code = await seedCommand.run(['--db', `sqlite:${dbPath}`, '--scale', '0.1', '--force'], quiet);
  if (code !== 0) throw new Error(`seed failed with exit code ${code}`);
  let adminLine = '';
  const server = await startServer({
    env: {
      ...process.env,
      TIDELENS_DB: `sqlite:${dbPath}`,
      TIDELENS_PROVIDER: 'offline',
      TIDELENS_STORE: 'sqlite',
      TIDELENS_STORE_PATH: join(dir, 'conversations.db'),
      TIDELENS_UI_DIR: join(dir, 'ui'),
      HOST: '127.0.0.1',
      ...env,
    },
    port: 0,
    log: silentLog,
    print: (l) => (adminLine += l),
  });
  const admin = /password: (\S+)/.exec(adminLine)?.[1];
  if (!admin) throw new Error('the first start printed no admin password');
  const db = openSqlite(dbPath);
  const users = new UserRepo(db);
  const analyst = (await users.create('ana', 'analyst')).password;
  const viewer = (await users.create('vic', 'viewer')).password;
  await db.close();
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    server,
    dir,
    passwords: { admin, analyst, viewer },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser for suites that need several isolated contexts (languages, viewports, one login each). */
export function launchHeadless(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  rmSync(profileDir, { recursive: true, force: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
  });
}

/** Logs in as `role` on a page showing the log-in form and waits for the chat's composer. */
export async function submitLogIn(page: Page, env: E2e, role: Role): Promise<void> {
  await page.fill('input[name=username]', USERNAMES[role]);
  await page.fill('input[name=password]', env.passwords[role]);
  await page.click('button[type=submit]');
  await page.waitForSelector('.composer textarea');
}

/**
 * A fresh context at `viewport` with the browser's locale and the app's stored UI language both `lang`, opened
 * on the app and logged in as `role`.
 */
export async function openLoggedIn(
  browser: Browser,
  env: E2e,
  role: Role,
  lang: 'en' | 'zh' = 'en',
  viewport: Viewport = VIEWPORTS.desktop,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  await ctx.addInitScript((l) => localStorage.setItem('tl_lang', l), lang);
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await submitLogIn(page, env, role);
  return { ctx, page };
}
