// The export's small parts: file names, table titles, the LRU, the render threads and the readable spec.
import { afterAll, describe, expect, it } from 'vitest';
import { readableSpec } from '../../src/server/http/chart-svg.ts';
import { contentDisposition, exportFileName, slug } from '../../src/server/export/filename.ts';
import { answerToHtml } from '../../src/server/export/html.ts';
import { Lru } from '../../src/server/export/lru.ts';
import { SvgPool } from '../../src/server/export/svg-pool.ts';
import { readableTableTitle } from '../../src/server/export/table-title.ts';

const BAR = {
  title: 'Net sales',
  width: 'container',
  mark: 'bar',
  data: { values: [{ k: 'a', v: 1 }] },
  encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
};

describe('file names', () => {
  it('slugs questions in any script and keeps them short', () => {
    expect(slug('Why did July drop?')).toBe('why-did-july-drop');
    expect(slug('为什么七月销售下降了？')).toBe('为什么七月销售下降了');
    expect(slug('那加拿大呢？ Only Amazon / FBA')).toBe('那加拿大呢-only-amazon-fba');
    expect(slug('../../etc/passwd\u202e')).toBe('etc-passwd');
    expect([...slug('word '.repeat(40))].length).toBeLessThanOrEqual(60);
    expect(exportFileName('???', '2025-10-01T00:00:00Z', 'md', 'conversation')).toBe('conversation-2025-10-01.md');
  });

  it('sends the UTF-8 name in filename* and an ASCII fallback', () => {
    expect(contentDisposition('为什么-2025-10-01.md')).toBe(
      `attachment; filename="tidelens-2025-10-01.md"; filename*=UTF-8''%E4%B8%BA%E4%BB%80%E4%B9%88-2025-10-01.md`,
    );
    expect(contentDisposition('a-2025-10-01.html', 'inline')).toMatch(/^inline; filename="a-2025-10-01.html";/);
  });

  it('turns a tool call into words', () => {
    expect(readableTableTitle('top_products (metric=net_sales, limit=10, period={"start":"2025-07-01"})')).toBe(
      'top products net sales 10',
    );
    expect(readableTableTitle('Net sales by month')).toBe('Net sales by month');
  });
});

describe('Lru', () => {
  it('evicts the least recently used entry by count and by size', () => {
    const lru = new Lru<string>(2, 10, (v) => v.length);
    lru.set('a', 'aaa');
    lru.set('b', 'bbb');
    lru.get('a');
    lru.set('c', 'ccc');
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['aaa', undefined, 'ccc']);
    lru.set('d', 'dddddddd');
    expect(lru.bytes).toBeLessThanOrEqual(10);
    lru.set('huge', 'x'.repeat(11));
    expect(lru.get('huge')).toBeUndefined();
  });
});

describe('render threads', () => {
  const pools: SvgPool[] = [];
  afterAll(async () => Promise.all(pools.map((p) => p.close())));

  it('draws, survives a bad spec, and replaces a thread that takes too long', async () => {
    const pool = new SvgPool({ threads: 1 });
    pools.push(pool);
    await expect(pool.render({ mark: 'nope', data: { values: [] } })).rejects.toThrow();
    expect(await pool.render(readableSpec(BAR))).toMatch(/^<svg[^>]*width="720"/);
    const hasty = new SvgPool({ threads: 1, timeoutMs: 1 });
    pools.push(hasty);
    await expect(hasty.render(BAR)).rejects.toThrow('took too long');
  }, 60_000);

  it('keeps the chart title and its own config, at the export width', () => {
    const s = readableSpec({ ...BAR, config: { axis: { labelFontSize: 9 } } });
    expect(s).toMatchObject({
      title: 'Net sales',
      width: 720,
      config: { axis: { labelFontSize: 9, titleFontSize: 13 } },
    });
  });
});

describe('print view answers', () => {
  it('keeps lists and bold, and only its own tags', () => {
    const html = answerToHtml('**Down** <b onclick=x>y</b>\n\n1. one\n2. two\n\n[a](javascript:alert(1))');
    expect(html).toBe(
      '<p><strong>Down</strong> &lt;b onclick=x&gt;y&lt;/b&gt;</p>\n<ol><li>one</li><li>two</li></ol>\n' +
        '<p>[a](javascript:alert(1))</p>',
    );
  });
});
