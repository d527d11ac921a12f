// The product's one calendar: day arithmetic, named and relative periods, comparisons and buckets.
// Pure: it imports nothing from src/ but src/errors.ts.
export * from './days.ts';
export * from './periods.ts';
export * from './compare.ts';
export * from './buckets.ts';
