// The planted warehouse as a SQLite file (run_sql reopens it read-only in another process), plus a large
// order_items table for slow queries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plantedSqlite } from './planted.ts';

export function plantedSqliteFile(extraItems = 0): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tidelens-guard-'));
  const path = join(dir, 'planted.db');
  const mem = plantedSqlite();
  if (extraItems) {
    const ins = mem.prepare(
      'INSERT INTO order_items (order_item_id, order_id, product_id, quantity, unit_price, discount) VALUES (?, ?, ?, ?, ?, 0)',
    );
    mem.transaction(() => {
      for (let i = 0; i < extraItems; i++) ins.run(1000 + i, 1 + (i % 3), 1 + (i % 3), 1 + (i % 97), 9.5);
    })();
  }
  mem.exec(`VACUUM INTO '${path.replace(/'/g, "''")}'`);
  mem.close();
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
