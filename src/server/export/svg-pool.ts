// Render threads for chart SVGs, sized to the machine, with one queue. Vega's toSVG() is synchronous work
// for tens to hundreds of milliseconds a chart; on the main thread ten exports froze /api/health for seconds.
// A chart that draws for too long has its thread terminated and replaced, so one bad spec cannot wedge the pool.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./svg-worker.mjs', import.meta.url);

/** One thread for the event loop, the rest for charts; at least one, and a few at most (each holds Vega). */
export function defaultThreads(cpus = availableParallelism()): number {
  return Math.max(1, Math.min(4, cpus - 1));
}

export interface SvgPoolOptions {
  threads: number;
  /** A chart still drawing after this long fails, and its thread is replaced. */
  timeoutMs: number;
  /** Charts waiting beyond this fail at once instead of queueing without end. */
  maxQueue: number;
}

interface Job {
  id: number;
  spec: unknown;
  resolve(svg: string): void;
  reject(e: Error): void;
}

interface Running {
  job: Job;
  timer: NodeJS.Timeout;
}

type Reply = { id: number; svg: string } | { id: number; error: string };

export class SvgPool {
  private readonly opts: SvgPoolOptions;
  private readonly alive = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Running>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor({ threads = defaultThreads(), timeoutMs = 15_000, maxQueue = 5_000 }: Partial<SvgPoolOptions> = {}) {
    this.opts = { threads, timeoutMs, maxQueue };
  }

  /** The SVG text of a Vega-Lite spec, drawn on a render thread. */
  render(spec: unknown): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the chart renderer is closed'));
    if (this.queue.length >= this.opts.maxQueue) return Promise.reject(new Error('the chart renderer is busy'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, spec, resolve, reject });
      this.pump();
    });
  }

  /** Charts waiting for a thread. */
  get waiting(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the chart renderer is closed'));
    await Promise.all([...this.alive].map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.alive.size < this.opts.threads ? this.spawn() : undefined);
      if (!worker) return;
      this.start(worker, this.queue.shift()!);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_URL);
    this.alive.add(worker);
    worker.on('message', (reply: Reply) => this.finished(worker, reply));
    worker.on('error', (e) => this.lost(worker, e));
    worker.on('exit', () => this.lost(worker, new Error('the chart renderer stopped')));
    // Idle threads must not keep a finished CLI or server process alive (a chart being drawn holds its
    // thread). Unreferenced after the listeners: the first 'message' listener references the thread again,
    // which kept the server running after SIGTERM once it had drawn a chart.
    worker.unref();
    return worker;
  }

  private start(worker: Worker, job: Job): void {
    const timer = setTimeout(() => {
      this.lost(worker, new Error('the chart took too long to draw'));
      void worker.terminate();
    }, this.opts.timeoutMs);
    timer.unref();
    this.running.set(worker, { job, timer });
    worker.ref();
    worker.postMessage({ id: job.id, spec: job.spec });
  }

  private finished(worker: Worker, reply: Reply): void {
    const run = this.running.get(worker);
    if (!run || run.job.id !== reply.id) return;
    clearTimeout(run.timer);
    this.running.delete(worker);
    this.idle.push(worker);
    worker.unref();
    if ('svg' in reply) run.job.resolve(reply.svg);
    else run.job.reject(new Error(reply.error));
    this.pump();
  }

  private lost(worker: Worker, e: Error): void {
    if (!this.alive.delete(worker)) return;
    worker.unref();
    const run = this.running.get(worker);
    if (run) {
      clearTimeout(run.timer);
      this.running.delete(worker);
      run.job.reject(e);
    }
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    if (!this.closed) this.pump();
  }
}
