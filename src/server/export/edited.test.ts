// An edited answer (a chip re-run) and a stopped one in the exports: the mark and what changed, in the
// export's language, escaped, with no turn ids; the share view's turns carry the change without the id.
import { describe, expect, it } from 'vitest';
import { conversationMeta, turnOf } from '../../../test/store/stored-turn.ts';
import type { StoredTurn } from '../../protocol/index.ts';
import type { ChartRenderer } from '../http/chart-svg.ts';
import { collectExport, DEFAULT_EXPORT_LIMITS } from './document.ts';
import { exportToHtml } from './html.ts';
import { exportToMd } from './markdown.ts';

const FROM = '11111111-1111-4111-8111-111111111111';
const NEW = '22222222-2222-4222-8222-222222222222';

function turn(over: Partial<StoredTurn>): StoredTurn {
  const base = turnOf({
    turnId: NEW,
    conversationId: 'c1',
    createdAt: '2025-10-01T10:00:00.000Z',
    question: 'why did July drop?',
    summary: { answer: 'Net sales on Amazon fell 9% in July.' },
  });
  return { ...base, ...over };
}

const EDITED = turn({
  edited: {
    fromTurnId: FROM,
    tool: 'explain_change',
    changes: [
      { key: 'channel', to: 'amazon' },
      { key: 'country', from: 'Canada', to: '<b>x</b>' },
    ],
  },
});
const STOPPED = turn({ turnId: FROM, status: 'cancelled', question: 'orders by country' });

async function doc(lang: 'en' | 'zh', turns: StoredTurn[]) {
  return collectExport(
    {
      meta: conversationMeta(),
      turns,
      totalTurns: turns.length,
      author: 'ana',
      lang,
      now: new Date('2025-10-02T00:00:00Z'),
      single: false,
    },
    {} as ChartRenderer,
    DEFAULT_EXPORT_LIMITS,
  );
}

describe('edited and stopped answers in exports', () => {
  it('heads an edited answer with what changed, in Markdown, and marks a stopped one', async () => {
    const md = exportToMd(await doc('en', [STOPPED, EDITED]), 50);
    expect(md).toContain('## Edited: Channel: All channels → Amazon · Country: Canada → &lt;b&gt;x&lt;/b&gt;');
    expect(md).toContain('_Re-run of: why did July drop? · Asked 2025-10-01_');
    expect(md).toContain('## orders by country');
    expect(md).toContain('_Stopped: the answer was stopped before it finished._');
    expect(md).not.toContain(FROM);
    expect(md).not.toContain(NEW);
    expect(md).not.toContain('<b>');
  });

  it('says it in Chinese, with country names in Chinese', async () => {
    const md = exportToMd(await doc('zh', [EDITED]), 50);
    expect(md).toContain('## 已修改: 渠道: 全部渠道 → 亚马逊 · 国家: 加拿大 →');
    expect(md).toContain('重新运行自: why did July drop?');
  });

  it('marks it in the print view, escaped, without ids', async () => {
    const html = exportToHtml(await doc('en', [STOPPED, EDITED]), 50);
    expect(html).toContain(
      '<h2><span class="edited">Edited</span> Channel: All channels → Amazon · Country: Canada → &lt;b&gt;x&lt;/b&gt;</h2>',
    );
    expect(html).toContain('<p class="meta">Re-run of: why did July drop? · Asked 2025-10-01</p>');
    expect(html).toContain('<p class="note">Stopped: the answer was stopped before it finished.</p>');
    expect(html).not.toContain(FROM);
    expect(html).not.toContain(NEW);
  });
});
