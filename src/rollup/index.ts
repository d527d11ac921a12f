// The daily rollup layer: build and refresh (build.ts), its own connection (writer.ts), the watermark, and the
// coverage check the tools use before reading it.
export { buildFull, refresh, toRanges, type RollupReport, type RefreshOptions } from './build.ts';
export { coversPeriods, forgetRollup, rollupFor, type RollupAt } from './coverage.ts';
export { readWatermark, type Watermark } from './watermark.ts';
export { openRollupWriter, type RollupWriter } from './writer.ts';
