// Stage 4, decompose: the driver decomposition that adds up to the change, as the profile names it.
// A ratio splits into the rate within its leaves and the mix between them, over the metric's view.
import type { MetricView } from '../cube.ts';
import { decomposeDrivers, type Drivers } from '../drivers.ts';
import type { MetricProfile } from '../profiles.ts';
import type { Loaded } from './load.ts';

export function decompose(
  profile: MetricProfile,
  loaded: Pick<Loaded, 'lines' | 'sessions'>,
  view: MetricView,
): Drivers {
  return decomposeDrivers(profile.drivers, loaded.lines, loaded.sessions, view);
}
