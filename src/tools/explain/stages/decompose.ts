// Stage 4, decompose: the driver decomposition that adds up to the change, as the profile names it.
// It follows the search because a ratio's split into rate within segments and mix between them is
// the segment search's.
import type { SegmentSearchResult } from '../../../analysis/segment-search.ts';
import { totals, type MetricView } from '../cube.ts';
import { decomposeDrivers, type Drivers } from '../drivers.ts';
import type { MetricProfile } from '../profiles.ts';
import type { Loaded } from './load.ts';

export function decompose(
  profile: MetricProfile,
  loaded: Pick<Loaded, 'lines' | 'sessions'>,
  view: MetricView,
  search: SegmentSearchResult | null,
): Drivers {
  const t = totals(view);
  const split = search?.ratio_split ? { ...search.ratio_split, a: t.a, b: t.b } : undefined;
  return decomposeDrivers(profile.drivers, loaded.lines, loaded.sessions, split);
}
