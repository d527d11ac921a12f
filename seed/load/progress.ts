// Progress on stderr: a redrawn bar per table on a terminal, a plain line every 10% otherwise.

/** Where progress goes: the CLI's Io fits this shape; seed/ does not import the CLI. */
export interface ProgressIo {
  err(line: string): void;
  /** True when stderr is a terminal: progress bars instead of plain lines. */
  isTty: boolean;
}

const MAIN = [
  'users',
  'visit_logs',
  'user_behaviors',
  'orders',
  'order_items',
  'inventory_records',
  'returns',
  'reviews',
];

export class Progress {
  private lastDecile = -1;
  private drawn = 0;
  private lastDraw = 0;

  constructor(
    private readonly io: ProgressIo,
    private readonly counts: () => Map<string, number>,
  ) {}

  /** fraction of simulated days done, 0..1 */
  update(fraction: number, label: string): void {
    if (this.io.isTty) {
      const now = Date.now();
      if (now - this.lastDraw < 150 && fraction < 1) return;
      this.lastDraw = now;
      const c = this.counts();
      const lines = MAIN.map((t) => {
        const width = 24;
        const fill = Math.round(fraction * width);
        return `  ${t.padEnd(18)} ${'█'.repeat(fill)}${'░'.repeat(width - fill)} ${(c.get(t) ?? 0).toLocaleString('en-US').padStart(10)} rows`;
      });
      lines.unshift(`seed: ${label} ${(fraction * 100).toFixed(0).padStart(3)}%`);
      const up = this.drawn ? `\x1b[${this.drawn}A` : '';
      process.stderr.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(''));
      this.drawn = lines.length;
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile === this.lastDecile) return;
    this.lastDecile = decile;
    const total = [...this.counts().values()].reduce((a, b) => a + b, 0);
    this.io.err(`seed: ${label} ${decile * 10}% (${total.toLocaleString('en-US')} rows written)`);
  }

  note(line: string): void {
    this.io.err(line);
  }
}
