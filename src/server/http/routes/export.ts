// GET /api/conversations/:id/export?format=md|html|csv[&turn=<turnId>&table=n&lang=en|zh] — whoever may read the
// conversation (its owner of any role, and admins): managers forward answers too. A viewer's export leaves the SQL
// out, as their view of the turn does (redact.ts). GET /api/share/:token/export takes the same query for whoever
// opened a share link, redacted as the share page is.
// Markdown and the print view (html) carry the whole conversation or one answer (`turn`), with tables and
// charts; CSV is one table. Charts are drawn off the event loop and cached per turn (chart-svg.ts); each
// export is capped in answers and charts, and each user in exports per minute, so downloads cannot starve
// the chat.
import { Hono, type Context } from 'hono';
import { TidelensError } from '../../../errors.ts';
import { ExportQuerySchema, type Language, type PrintInfo, type Role } from '../../../protocol/index.ts';
import { memoryCounters, type Counters } from '../../counters/index.ts';
import { tableToCsv } from '../../export/csv.ts';
import {
  collectExport,
  DEFAULT_EXPORT_LIMITS,
  type ExportDoc,
  type ExportLimits,
  type ExportSource,
  wordsTitle,
} from '../../export/document.ts';
import { contentDisposition, exportFileName } from '../../export/filename.ts';
import { Gate } from '../../export/gate.ts';
import { exportToHtml } from '../../export/html.ts';
import { exportLabels } from '../../export/labels.ts';
import { exportToMd } from '../../export/markdown.ts';
import type { ConversationMeta, ConversationStore, StoredTurn } from '../../store/types.ts';
import { ChartRenderer } from '../chart-svg.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { redactSummary } from '../redact.ts';
import { parseOr400 } from '../validate.ts';
import { ConversationId, loadReadable } from './conversations.ts';
import { openShare, type ShareDeps } from './share.ts';

// Kept importable from here: the security tests pin them at this path.
export { neutraliseFormula, tableToCsv } from '../../export/csv.ts';

export interface ExportDeps {
  store: ConversationStore;
  /** Finds a shared conversation's owner; without it there is no export by share link. */
  users?: ShareDeps['users'];
  /** The fleet's shared rate counters; this process's memory by default. */
  counters?: Counters;
  /** Draws and caches chart images; one per app by default, on the process's shared render threads. */
  charts?: ChartRenderer;
  limits?: Partial<ExportLimits>;
  /** The warehouse's last order date, printed as "data through". */
  dataThrough?: string;
  now?: () => Date;
}

type ExportQuery = ReturnType<typeof ExportQuerySchema.parse>;

const RATE_WINDOW_MS = 60_000;

async function admit(c: Context<AppEnv>, counters: Counters, perMinute: number): Promise<void> {
  const hit = await counters.hit(`export:${c.get('user')!.id}`, RATE_WINDOW_MS, perMinute);
  if (hit.allowed) return;
  const seconds = Math.max(1, Math.ceil(hit.retryAfterMs / 1000));
  c.header('Retry-After', String(seconds));
  throw new TidelensError('rate_limited', `too many exports: at most ${perMinute} a minute; try again in ${seconds} s`);
}

function pickTurn(turns: StoredTurn[], turnId: string | undefined): StoredTurn {
  const turn = turnId ? turns.find((t) => t.turnId === turnId) : undefined;
  if (!turn) throw new TidelensError('not_found', 'that conversation has no such answer to export');
  return turn;
}

function csvExport(c: Context<AppEnv>, turns: StoredTurn[], q: ExportQuery, lang: Language) {
  const turn = q.turn ? pickTurn(turns, q.turn) : turns.filter((t) => t.summary.tables.length).at(-1);
  const table = turn?.summary.tables[q.table];
  if (!turn || !table) throw new TidelensError('not_found', 'that conversation has no such table to export');
  const name = exportFileName(wordsTitle(table, lang), turn.createdAt, 'csv', exportLabels(lang).table);
  c.header('Content-Disposition', contentDisposition(name));
  return c.body(`\uFEFF${tableToCsv(table)}`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

/** The answers an export covers: one, or the latest maxTurns with the count of all. */
async function readTurns(store: ConversationStore, meta: ConversationMeta, q: ExportQuery, maxTurns: number) {
  if (q.turn) return { turns: [pickTurn(await store.turns(meta.id), q.turn)], total: 1 };
  const [total, turns] = await Promise.all([store.turnCount(meta.id), store.turns(meta.id, { last: maxTurns })]);
  return { turns, total };
}

function documentExport(c: Context<AppEnv>, doc: ExportDoc, format: 'md' | 'html', maxRows: number) {
  const last = doc.turns.at(-1)?.createdAt ?? doc.exportedOn;
  const name = exportFileName(doc.title, last, format, doc.labels.fallbackName);
  if (format === 'html') {
    // Opened in the browser to print; the page itself carries no script and fetches nothing.
    c.header('Content-Disposition', contentDisposition(name, 'inline'));
    return c.body(exportToHtml(doc, maxRows), 200, { 'Content-Type': 'text/html; charset=utf-8' });
  }
  c.header('Content-Disposition', contentDisposition(name));
  return c.body(exportToMd(doc, maxRows), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
}

export function exportRoutes(deps: ExportDeps) {
  const { store, users, dataThrough, now = () => new Date() } = deps;
  const limits: ExportLimits = { ...DEFAULT_EXPORT_LIMITS, ...deps.limits };
  const counters = deps.counters ?? memoryCounters();
  const charts = deps.charts ?? new ChartRenderer();
  const gate = new Gate(limits.concurrent);
  const app = new Hono<AppEnv>();

  // The chat page prints its own header (title, author, date, data through); only the last one is the server's.
  app.get('/print-info', requireRole('viewer'), (c) => c.json<PrintInfo>({ dataThrough: dataThrough ?? null }));

  /** One export of a conversation as `role` may see it, `author` on its front line. */
  async function serve(c: Context<AppEnv>, q: ExportQuery, meta: ConversationMeta, role: Role, author: string) {
    await admit(c, counters, limits.perMinute);
    return gate.run(async () => {
      const read = await readTurns(store, meta, q, limits.maxTurns);
      const { total } = read;
      const turns = read.turns.map((t) => ({ ...t, summary: redactSummary(t.summary, role) }));
      const lang: Language = q.lang ?? turns.at(-1)?.summary.language ?? 'en';
      if (q.format === 'csv') return csvExport(c, turns, q, lang);
      const src: ExportSource = {
        meta,
        turns,
        totalTurns: total,
        author,
        lang,
        now: now(),
        dataThrough,
        single: Boolean(q.turn),
      };
      return documentExport(c, await collectExport(src, charts, limits), q.format, limits.maxTableRows);
    });
  }

  app.get('/conversations/:id/export', requireRole('viewer'), async (c) => {
    const user = c.get('user')!;
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    // A malformed request is refused as such (400) before anything is looked up.
    const q = parseOr400(ExportQuerySchema, c.req.query(), 'query');
    const meta = await loadReadable(store, id, user); // as the conversation page: 403 someone else's, 410 expired
    const author = meta.ownerId === String(user.id) ? user.username : `#${meta.ownerId}`;
    return serve(c, q, meta, user.role, author);
  });

  // A share link's reader exports what the share page shows them: the same redaction, the same 404 for a
  // revoked or unknown token, the owner by name as on the page.
  if (users) {
    app.get('/share/:token/export', requireRole('viewer'), async (c) => {
      const q = parseOr400(ExportQuerySchema, c.req.query(), 'query');
      const { meta, role, sharedBy } = await openShare({ store, users }, c.req.param('token'), c.get('user')!);
      return serve(c, q, meta, role, sharedBy);
    });
  }

  return app;
}
