// A loader owns one target database for one seed run: it checks it may write there, creates fresh
// tables, takes rows in batches, and commits by writing the _tidelens_meta row last.
import type { RowSink } from '../generator/sink.ts';
import type { MetaTables } from './meta.ts';

export interface Loader extends RowSink {
  readonly label: string;
  /** How rows are written (and, for a slower fallback, why): shown to the user and the benchmark. */
  readonly method: string;
  /** Refuses a database holding tables Tidelens did not create (unless force), then creates fresh tables. */
  begin(): Promise<void>;
  /** Writes what is buffered once a batch is full; with all = true, everything, and waits for it. */
  flush(all?: boolean): Promise<void>;
  /** Secondary indexes, ground-truth tables, then the commit marker. */
  finish(meta: MetaTables): Promise<void>;
  /** Best effort: leaves no half-loaded tables behind. */
  abort(): Promise<void>;
  readonly rowCounts: Map<string, number>;
}
