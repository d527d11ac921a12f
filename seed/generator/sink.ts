// Where generated rows go: the loader (batched writes) or an in-memory aggregator (the manifest).
export type Value = string | number | null;

export interface RowSink {
  /** Rows arrive in the column order of src/warehouse/schema.ts. */
  add(table: string, row: Value[]): void;
  /** Called once per simulated day: the place to write full batches and apply back-pressure. */
  flush(): Promise<void>;
}
